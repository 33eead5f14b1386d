# RNN_PORTABLE_BUILD: link every tool fully statically against LLVM/MLIR.
#
# Debian's imported MLIR targets name the shared `LLVM` (and some the shared
# `MLIR`) library in their link interface. Here every MLIR target's `LLVM`
# becomes RNNStaticLLVM, an interface target over the static LLVM component
# archives, and `MLIR` is dropped, so a binary depends on libc, libstdc++,
# libm, libz and libzstd only and runs on the GPU machine.

execute_process(
  COMMAND ${LLVM_TOOLS_BINARY_DIR}/llvm-config --link-static --libnames all
  OUTPUT_VARIABLE _rnn_llvm_names OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _rnn_llvm_config_result)
if(NOT _rnn_llvm_config_result EQUAL 0)
  message(FATAL_ERROR "llvm-config --link-static failed")
endif()
separate_arguments(_rnn_llvm_names UNIX_COMMAND "${_rnn_llvm_names}")
# LLVMTableGen, Polly (not shipped as archives) and the gtest support
# libraries are not needed by the tools.
list(FILTER _rnn_llvm_names EXCLUDE REGEX "gtest|TableGen|Polly")
list(TRANSFORM _rnn_llvm_names PREPEND "${LLVM_LIBRARY_DIR}/")

find_package(Threads REQUIRED)
add_library(RNNStaticLLVM INTERFACE)
target_link_libraries(RNNStaticLLVM INTERFACE
  -Wl,--start-group ${_rnn_llvm_names} -Wl,--end-group
  rt dl m z zstd Threads::Threads)

get_property(_rnn_mlir_libs GLOBAL PROPERTY MLIR_ALL_LIBS)
foreach(_rnn_lib IN LISTS _rnn_mlir_libs)
  if(NOT TARGET ${_rnn_lib})
    continue()
  endif()
  get_target_property(_rnn_type ${_rnn_lib} TYPE)
  if(_rnn_type STREQUAL "SHARED_LIBRARY")
    continue()
  endif()
  get_target_property(_rnn_iface ${_rnn_lib} INTERFACE_LINK_LIBRARIES)
  if(NOT _rnn_iface)
    continue()
  endif()
  list(TRANSFORM _rnn_iface REPLACE "^LLVM$" "RNNStaticLLVM")
  list(TRANSFORM _rnn_iface REPLACE "^\\$<LINK_ONLY:LLVM>$"
       "$<LINK_ONLY:RNNStaticLLVM>")
  list(REMOVE_ITEM _rnn_iface MLIR "$<LINK_ONLY:MLIR>")
  set_target_properties(${_rnn_lib} PROPERTIES
    INTERFACE_LINK_LIBRARIES "${_rnn_iface}")
endforeach()

# Our own targets link `LLVMSupport`-style names through add_llvm_executable
# (LLVM_LINK_COMPONENTS); with LLVM_LINK_LLVM_DYLIB those resolve to `LLVM`.
set(LLVM_LINK_LLVM_DYLIB OFF)
add_link_options(-static-libstdc++ -static-libgcc -Wl,--gc-sections)
