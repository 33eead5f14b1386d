//===- SymbolTable.h - A runtime's symbols from RuntimeABI.def --*- C++ -*-===//
//
// How rnnrt_cpu_symbols and rnnrt_cuda_symbols are built from the one ABI
// table: every RNNRT_ENTRY row of the runtime becomes the symbol
// `_mlir_ciface_<stem>_<type>` at &Implementation, every RNNRT_SYMBOL row
// its name. A runtime's Symbols.cpp defines RNNRT_SELECT_CPU and
// RNNRT_SELECT_CUDA (each keeps or drops its arguments) and includes
// RuntimeSymbols.inc, which defines runtimeSymbols().
//
// The address of each implementation goes through checkedAddress, which
// fails to compile unless the C function (as its header declares it) takes
// what the table row says: int64_t for I64, double for F64, a descriptor
// pointer for every memref (a memref result comes first, a scalar result
// is returned).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_SYMBOLTABLE_H
#define RNN_LIB_RUNTIME_SYMBOLTABLE_H

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/RuntimeABI.h"

#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

namespace rnnrt::abi {

/// The kinds of a table row, as a type.
template <Kind Result, Kind... Args> struct Signature {};

/// Signature of each function of the table.
template <Function F> struct SignatureOf;
#define RNNRT_FUNCTION(Id, Stem, Result, ...)                                  \
  template <> struct SignatureOf<Function::Id> {                               \
    using type = Signature<Result, __VA_ARGS__>;                               \
  };
#include "rnn/Runtime/RuntimeABI.def"

/// Whether C parameter type T passes an argument of kind K.
template <Kind K, typename T> constexpr bool passesAs() {
  if constexpr (K == I64)
    return std::is_same_v<T, int64_t>;
  else if constexpr (K == F64)
    return std::is_same_v<T, double>;
  else
    return std::is_pointer_v<T>;
}

/// Whether function type F returns void and takes exactly Kinds.
template <typename F, Kind... Kinds> struct Takes : std::false_type {};
template <typename... Params, Kind... Kinds>
struct Takes<void(Params...), Kinds...> {
  static constexpr bool value = [] {
    if constexpr (sizeof...(Params) != sizeof...(Kinds))
      return false;
    else
      return (passesAs<Kinds, Params>() && ... && true);
  }();
};

/// Whether function type F returns the scalar of kind Result and takes
/// exactly Kinds.
template <typename F, Kind Result, Kind... Kinds>
struct ReturnsScalar : std::false_type {};
template <typename R, typename... Params, Kind Result, Kind... Kinds>
struct ReturnsScalar<R(Params...), Result, Kinds...> {
  static constexpr bool value =
      passesAs<Result, R>() && Takes<void(Params...), Kinds...>::value;
};

/// `function` as an address, if it has the C signature of the row.
template <Kind Result, Kind... Args, typename F>
void *checkedAddress(Signature<Result, Args...>, F *function) {
  if constexpr (Result == None)
    static_assert(Takes<F, Args...>::value,
                  "the runtime function does not take what RuntimeABI.def "
                  "says");
  else if constexpr (Result == I64 || Result == F64)
    static_assert(ReturnsScalar<F, Result, Args...>::value,
                  "the runtime function does not return and take what "
                  "RuntimeABI.def says");
  else
    static_assert(Takes<F, Result, Args...>::value,
                  "the runtime function does not take what RuntimeABI.def "
                  "says (result descriptor first)");
  return reinterpret_cast<void *>(function);
}

/// One RNNRT_ENTRY row of a runtime.
struct Entry {
  Function function;
  const char *type;
  void *address;
};

/// A runtime's symbol table, built once.
class SymbolTable {
public:
  SymbolTable(std::initializer_list<Entry> entries,
              std::initializer_list<rnnrt_symbol> symbols) {
    names.reserve(entries.size());
    for (const Entry &entry : entries)
      names.push_back(std::string("_mlir_ciface_") + getStem(entry.function) +
                      "_" + entry.type);
    size_t i = 0;
    for (const Entry &entry : entries)
      table.push_back({names[i++].c_str(), entry.address});
    table.insert(table.end(), symbols.begin(), symbols.end());
  }

  const rnnrt_symbol *get(size_t *count) const {
    if (count)
      *count = table.size();
    return table.data();
  }

private:
  std::vector<std::string> names;
  std::vector<rnnrt_symbol> table;
};

} // namespace rnnrt::abi

/// A RNNRT_ENTRY row as an Entry initializer (and a trailing comma) if
/// RNNRT_SELECT_<Runtime> keeps it.
#define RNNRT_TABLE_ENTRY(Runtime, Id, Type, Implementation)                   \
  RNNRT_SELECT_##Runtime(                                                      \
      ::rnnrt::abi::Entry{                                                     \
          ::rnnrt::abi::Function::Id, #Type,                                   \
          ::rnnrt::abi::checkedAddress(                                        \
              ::rnnrt::abi::SignatureOf<::rnnrt::abi::Function::Id>::type{},   \
              &Implementation)}, )

/// A RNNRT_SYMBOL row as an rnnrt_symbol initializer.
#define RNNRT_TABLE_SYMBOL(Runtime, Name, Implementation)                      \
  RNNRT_SELECT_##Runtime(                                                      \
      rnnrt_symbol{#Name, reinterpret_cast<void *>(&Implementation)}, )

#endif // RNN_LIB_RUNTIME_SYMBOLTABLE_H
