//===- ArchiveInputs.cpp - rnn-run --inputs=FILE.npz ----------------------===//

#include "ArchiveInputs.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir::rnn::run;

/// The argument index a member name selects, if any.
static std::optional<size_t>
argumentIndex(llvm::StringRef name, llvm::ArrayRef<std::string> argumentNames) {
  for (llvm::StringRef prefix : {"arr_", "arg"}) {
    llvm::StringRef digits = name;
    size_t index;
    if (digits.consume_front(prefix) && !digits.empty() &&
        !digits.getAsInteger(10, index) && index < argumentNames.size())
      return index;
  }
  for (auto [index, argumentName] : llvm::enumerate(argumentNames))
    if (!argumentName.empty() && argumentName == name)
      return index;
  return std::nullopt;
}

llvm::Expected<llvm::SmallVector<HostTensor>>
mlir::rnn::run::orderArchiveInputs(llvm::SmallVector<NamedTensor> archive,
                                   llvm::StringRef path, llvm::StringRef entry,
                                   llvm::ArrayRef<std::string> argumentNames) {
  const size_t count = argumentNames.size();
  llvm::SmallVector<std::optional<HostTensor>> ordered(count);
  llvm::SmallVector<std::string> names;
  for (const std::string &name : argumentNames)
    if (!name.empty())
      names.push_back(name);
  for (NamedTensor &member : archive) {
    std::optional<size_t> index = argumentIndex(member.first, argumentNames);
    if (!index)
      return llvm::createStringError(
          "array '" + member.first + "' of '" + path +
          "' names no argument of @" + entry + " (" + std::to_string(count) +
          " arguments: use arr_<i> or arg<i>" +
          (names.empty() ? std::string()
                         : ", or one of " + llvm::join(names, ", ")) +
          ")");
    if (ordered[*index])
      return llvm::createStringError("'" + path +
                                     "' has two arrays for argument #" +
                                     std::to_string(*index) + " of @" + entry);
    ordered[*index] = std::move(member.second);
  }
  llvm::SmallVector<HostTensor> inputs;
  for (auto [index, tensor] : llvm::enumerate(ordered)) {
    if (!tensor)
      return llvm::createStringError(
          "'" + path + "' has no array for argument #" + std::to_string(index) +
          " of @" + entry + " (arr_" + std::to_string(index) + ")");
    inputs.push_back(std::move(*tensor));
  }
  return inputs;
}
