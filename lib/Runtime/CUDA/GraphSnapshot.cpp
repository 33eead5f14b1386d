//===- GraphSnapshot.cpp - The parameters of a captured CUDA graph --------===//
//
// Kernel nodes are read and written through the driver API (their
// parameter sizes are known only to it), found at run time with
// cudaGetDriverEntryPointByVersion so the runtime needs no libcuda at link
// time; memcpy and memset nodes through the runtime API.
//
//===----------------------------------------------------------------------===//

#include "GraphSnapshot.h"

#include <cudaTypedefs.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace rnnrt::cuda {
namespace {

/// The driver entry points snapshots use (null where the driver lacks one).
struct DriverGraphApi {
  PFN_cuGraphKernelNodeGetParams_v12000 getKernelParams = nullptr;
  PFN_cuGraphExecKernelNodeSetParams_v12000 setExecKernelParams = nullptr;
  PFN_cuFuncGetParamInfo_v12040 funcParamInfo = nullptr;
  PFN_cuKernelGetParamInfo_v12040 kernelParamInfo = nullptr;

  bool complete() const {
    return getKernelParams && setExecKernelParams && funcParamInfo &&
           kernelParamInfo;
  }
};

template <typename Fn>
void lookUp(const char *symbol, unsigned version, Fn &fn) {
  void *pointer = nullptr;
  cudaDriverEntryPointQueryResult found;
  if (cudaGetDriverEntryPointByVersion(symbol, &pointer, version,
                                       cudaEnableDefault,
                                       &found) == cudaSuccess &&
      found == cudaDriverEntryPointSuccess)
    fn = reinterpret_cast<Fn>(pointer);
  else
    (void)cudaGetLastError();
}

const DriverGraphApi &driver() {
  static const DriverGraphApi api = [] {
    DriverGraphApi a;
    lookUp("cuGraphKernelNodeGetParams", 12000, a.getKernelParams);
    lookUp("cuGraphExecKernelNodeSetParams", 12000, a.setExecKernelParams);
    lookUp("cuFuncGetParamInfo", 12040, a.funcParamInfo);
    lookUp("cuKernelGetParamInfo", 12040, a.kernelParamInfo);
    return a;
  }();
  return api;
}

template <typename T>
void appendBytes(std::vector<unsigned char> &out, const T &value) {
  const auto *begin = reinterpret_cast<const unsigned char *>(&value);
  out.insert(out.end(), begin, begin + sizeof(T));
}

/// Offsets and sizes of the parameters of a kernel node's function.
Status parameterLayout(const CUDA_KERNEL_NODE_PARAMS &kernel,
                       std::vector<std::pair<size_t, size_t>> &layout) {
  const DriverGraphApi &api = driver();
  for (size_t index = 0;; ++index) {
    size_t offset = 0, size = 0;
    CUresult result =
        kernel.func ? api.funcParamInfo(kernel.func, index, &offset, &size)
                    : api.kernelParamInfo(kernel.kern, index, &offset, &size);
    if (result == CUDA_ERROR_INVALID_VALUE)
      return success(); // past the last parameter
    RNNRT_REQUIRE(result == CUDA_SUCCESS,
                  "graph snapshot: cuFuncGetParamInfo failed (%d)",
                  static_cast<int>(result));
    layout.emplace_back(offset, size);
  }
}

/// The parameter buffer of a launch with packed parameters (`extra`:
/// CU_LAUNCH_PARAM_BUFFER_POINTER and _SIZE).
Status packedParameters(void **extra, const void *&buffer, size_t &size) {
  buffer = nullptr;
  size = 0;
  bool sized = false;
  for (size_t i = 0; extra[i] != CU_LAUNCH_PARAM_END; i += 2) {
    if (extra[i] == CU_LAUNCH_PARAM_BUFFER_POINTER) {
      buffer = extra[i + 1];
    } else if (extra[i] == CU_LAUNCH_PARAM_BUFFER_SIZE) {
      size = *static_cast<const size_t *>(extra[i + 1]);
      sized = true;
    } else {
      return errorf("graph snapshot: a kernel launch option %p", extra[i]);
    }
  }
  RNNRT_REQUIRE(buffer && sized,
                "graph snapshot: packed parameters without buffer or size");
  return success();
}

Status snapshotKernel(NodeSnapshot &n) {
  RNNRT_REQUIRE(driver().getKernelParams(n.node, &n.kernel) == CUDA_SUCCESS,
                "graph snapshot: cuGraphKernelNodeGetParams failed");
  RNNRT_REQUIRE(n.kernel.func || n.kernel.kern,
                "graph snapshot: a kernel node without a function");
  std::vector<std::pair<size_t, size_t>> layout;
  RNNRT_RETURN_IF_ERROR(parameterLayout(n.kernel, layout));
  if (n.kernel.extra) {
    // One buffer laid out as the function's parameters (their offsets
    // are the layout's).
    const void *buffer = nullptr;
    size_t size = 0;
    RNNRT_RETURN_IF_ERROR(packedParameters(n.kernel.extra, buffer, size));
    const auto *begin = static_cast<const unsigned char *>(buffer);
    n.bytes.assign(begin, begin + size);
    n.packedSize = size;
    for (const auto &[offset, paramSize] : layout)
      for (size_t word = 0; word + 8 <= paramSize; word += 8)
        if ((offset + word) % 8 == 0 && offset + word + 8 <= size)
          n.wordOffsets.push_back(offset + word);
    appendBytes(n.shape, size);
  } else {
    RNNRT_REQUIRE(layout.empty() || n.kernel.kernelParams,
                  "graph snapshot: a kernel node without its parameters");
    for (size_t index = 0; index < layout.size(); ++index) {
      const size_t size = layout[index].second;
      // Parameters start 8-aligned in `bytes`, so that the words of one
      // that holds pointers (a pointer, or a struct of them) are 8-aligned
      // too.
      n.bytes.resize((n.bytes.size() + 7) & ~size_t(7));
      const size_t start = n.bytes.size();
      n.paramOffsets.push_back(start);
      const auto *value =
          static_cast<const unsigned char *>(n.kernel.kernelParams[index]);
      n.bytes.insert(n.bytes.end(), value, value + size);
      for (size_t word = 0; word + 8 <= size; word += 8)
        n.wordOffsets.push_back(start + word);
      appendBytes(n.shape, size);
    }
  }
  appendBytes(n.shape, n.kernel.func);
  appendBytes(n.shape, n.kernel.kern);
  for (unsigned dim : {n.kernel.gridDimX, n.kernel.gridDimY, n.kernel.gridDimZ,
                       n.kernel.blockDimX, n.kernel.blockDimY,
                       n.kernel.blockDimZ, n.kernel.sharedMemBytes})
    appendBytes(n.shape, dim);
  return success();
}

Status snapshotCopy(NodeSnapshot &n) {
  RNNRT_CHECK(cudaGraphMemcpyNodeGetParams(n.node, &n.copy));
  RNNRT_REQUIRE(!n.copy.srcArray && !n.copy.dstArray,
                "graph snapshot: a copy from or to a CUDA array");
  appendBytes(n.bytes, n.copy.srcPtr.ptr);
  appendBytes(n.bytes, n.copy.dstPtr.ptr);
  n.wordOffsets = {0, 8};
  const cudaMemcpy3DParms &c = n.copy;
  for (size_t field :
       {c.srcPtr.pitch, c.srcPtr.xsize, c.srcPtr.ysize, c.dstPtr.pitch,
        c.dstPtr.xsize, c.dstPtr.ysize, c.srcPos.x, c.srcPos.y, c.srcPos.z,
        c.dstPos.x, c.dstPos.y, c.dstPos.z, c.extent.width, c.extent.height,
        c.extent.depth, static_cast<size_t>(c.kind)})
    appendBytes(n.shape, field);
  return success();
}

Status snapshotSet(NodeSnapshot &n) {
  RNNRT_CHECK(cudaGraphMemsetNodeGetParams(n.node, &n.set));
  appendBytes(n.bytes, n.set.dst);
  n.wordOffsets = {0};
  const cudaMemsetParams &m = n.set;
  for (size_t field : {m.pitch, static_cast<size_t>(m.value),
                       static_cast<size_t>(m.elementSize), m.width, m.height})
    appendBytes(n.shape, field);
  return success();
}

Status snapshotNode(NodeSnapshot &n) {
  RNNRT_CHECK(cudaGraphNodeGetType(n.node, &n.type));
  appendBytes(n.shape, n.type);
  switch (n.type) {
  case cudaGraphNodeTypeKernel:
    return snapshotKernel(n);
  case cudaGraphNodeTypeMemcpy:
    return snapshotCopy(n);
  case cudaGraphNodeTypeMemset:
    return snapshotSet(n);
  case cudaGraphNodeTypeEmpty:
  case cudaGraphNodeTypeWaitEvent:
  case cudaGraphNodeTypeEventRecord:
    return success(); // no data pointers
  default:
    return errorf("graph snapshot: node type %d may hold pointers a "
                  "snapshot cannot see",
                  static_cast<int>(n.type));
  }
}

} // namespace

uint64_t NodeSnapshot::word(size_t offset) const {
  uint64_t value;
  std::memcpy(&value, bytes.data() + offset, sizeof(value));
  return value;
}

bool graphSnapshotsSupported() { return driver().complete(); }

Status takeSnapshot(cudaGraph_t graph, GraphSnapshot &snapshot) {
  RNNRT_REQUIRE(graphSnapshotsSupported(),
                "graph snapshot: the driver lacks cuFuncGetParamInfo");
  size_t count = 0;
  RNNRT_CHECK(cudaGraphGetNodes(graph, nullptr, &count));
  std::vector<cudaGraphNode_t> nodes(count);
  RNNRT_CHECK(cudaGraphGetNodes(graph, nodes.data(), &count));
  snapshot.nodes.assign(count, NodeSnapshot());
  std::map<cudaGraphNode_t, size_t> indexOf;
  for (size_t i = 0; i < count; ++i) {
    snapshot.nodes[i].node = nodes[i];
    indexOf[nodes[i]] = i;
    RNNRT_RETURN_IF_ERROR(snapshotNode(snapshot.nodes[i]));
  }
  size_t edgeCount = 0;
  RNNRT_CHECK(cudaGraphGetEdges(graph, nullptr, nullptr, nullptr, &edgeCount));
  std::vector<cudaGraphNode_t> from(edgeCount), to(edgeCount);
  std::vector<cudaGraphEdgeData> data(edgeCount);
  RNNRT_CHECK(cudaGraphGetEdges(graph, from.data(), to.data(), data.data(),
                                &edgeCount));
  snapshot.edges.clear();
  for (size_t e = 0; e < edgeCount; ++e)
    snapshot.edges.emplace_back(indexOf.at(from[e]), indexOf.at(to[e]));
  std::sort(snapshot.edges.begin(), snapshot.edges.end());
  return success();
}

bool GraphSnapshot::sameWorkAs(const GraphSnapshot &other,
                               std::string &why) const {
  if (nodes.size() != other.nodes.size()) {
    why = std::to_string(nodes.size()) + " nodes against " +
          std::to_string(other.nodes.size());
    return false;
  }
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].shape != other.nodes[i].shape ||
        nodes[i].bytes.size() != other.nodes[i].bytes.size()) {
      why = "node " + std::to_string(i) + " is different work";
      return false;
    }
  if (edges != other.edges) {
    why = "the edges differ";
    return false;
  }
  return true;
}

Status writeNode(cudaGraphExec_t exec, cudaGraphNode_t node,
                 const NodeSnapshot &n,
                 const std::vector<unsigned char> &bytes) {
  switch (n.type) {
  case cudaGraphNodeTypeKernel: {
    auto *data = const_cast<unsigned char *>(bytes.data());
    CUDA_KERNEL_NODE_PARAMS kernel = n.kernel;
    std::vector<void *> params;
    size_t packedSize = n.packedSize;
    void *extra[] = {CU_LAUNCH_PARAM_BUFFER_POINTER, data,
                     CU_LAUNCH_PARAM_BUFFER_SIZE, &packedSize,
                     CU_LAUNCH_PARAM_END};
    if (n.kernel.extra) {
      kernel.kernelParams = nullptr;
      kernel.extra = extra;
    } else {
      for (size_t offset : n.paramOffsets)
        params.push_back(data + offset);
      kernel.kernelParams = params.empty() ? nullptr : params.data();
    }
    CUresult result = driver().setExecKernelParams(exec, node, &kernel);
    RNNRT_REQUIRE(result == CUDA_SUCCESS,
                  "graph relocation: cuGraphExecKernelNodeSetParams failed "
                  "(%d)",
                  static_cast<int>(result));
    return success();
  }
  case cudaGraphNodeTypeMemcpy: {
    cudaMemcpy3DParms copy = n.copy;
    std::memcpy(&copy.srcPtr.ptr, bytes.data(), sizeof(void *));
    std::memcpy(&copy.dstPtr.ptr, bytes.data() + 8, sizeof(void *));
    RNNRT_CHECK(cudaGraphExecMemcpyNodeSetParams(exec, node, &copy));
    return success();
  }
  case cudaGraphNodeTypeMemset: {
    cudaMemsetParams set = n.set;
    std::memcpy(&set.dst, bytes.data(), sizeof(void *));
    RNNRT_CHECK(cudaGraphExecMemsetNodeSetParams(exec, node, &set));
    return success();
  }
  default:
    return errorf("graph relocation: node type %d has no pointers to write",
                  static_cast<int>(n.type));
  }
}

} // namespace rnnrt::cuda
