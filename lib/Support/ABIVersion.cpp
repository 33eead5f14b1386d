//===- ABIVersion.cpp - The runtime ABI version both runtimes report ------===//

#include "rnn/Runtime/RuntimeABI.h"

#include <cstdio>

extern "C" int64_t rnnrt_abi_version(void) { return RNNRT_ABI_VERSION; }

extern "C" const char *rnnrt_check_abi_version(int64_t compiled) {
  if (compiled == rnnrt_abi_version())
    return nullptr;
  thread_local char message[96];
  std::snprintf(message, sizeof(message),
                "compiled for runtime ABI %lld, the runtime has %lld",
                static_cast<long long>(compiled),
                static_cast<long long>(rnnrt_abi_version()));
  return message;
}
