/*===- Export.h - Symbol visibility of the rnn-mlir runtime --------*- C -*-===*/

#ifndef RNN_RUNTIME_EXPORT_H
#define RNN_RUNTIME_EXPORT_H

#if defined(_WIN32)
#define RNNRT_EXPORT __declspec(dllexport)
#else
#define RNNRT_EXPORT __attribute__((visibility("default")))
#endif

#endif /* RNN_RUNTIME_EXPORT_H */
