//===- GraphRelocation.cpp - Replaying a graph on other buffers -----------===//

#include "GraphRelocation.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace rnnrt::cuda {
namespace {

bool environmentSays(const char *name, const char *value) {
  const char *set = std::getenv(name);
  return set && std::string(set) == value;
}

int64_t difference(uint64_t value, const void *pointer) {
  return static_cast<int64_t>(value - reinterpret_cast<uintptr_t>(pointer));
}

/// Whether `value` is an address of memory the device can use (device,
/// managed or registered host memory).
bool isDeviceMemory(uint64_t value) {
  cudaPointerAttributes attributes{};
  if (cudaPointerGetAttributes(&attributes, reinterpret_cast<void *>(value)) !=
      cudaSuccess) {
    (void)cudaGetLastError();
    return false;
  }
  return attributes.type != cudaMemoryTypeUnregistered;
}

/// The error of a word that changed between two captures by an amount no
/// data pointer moved by; lists its offset from each moved pointer in
/// both captures.
Status unexplainedChange(size_t node, size_t offset, uint64_t before,
                         uint64_t after, const GraphKey &baseKey,
                         const GraphKey &key) {
  std::string moves;
  for (size_t s = 0; s < key.size(); ++s)
    if (key[s] != baseKey[s] && key[s] && baseKey[s]) {
      char text[96];
      std::snprintf(text, sizeof(text), " slot %zu %+lld/%+lld;", s,
                    static_cast<long long>(difference(before, baseKey[s])),
                    static_cast<long long>(difference(after, key[s])));
      moves += text;
    }
  return errorf("graph relocation: node %zu's word at byte %zu changed from "
                "0x%llx to 0x%llx, not as a data pointer (offsets from the "
                "moved pointers before/after:%s)",
                node, offset, static_cast<unsigned long long>(before),
                static_cast<unsigned long long>(after), moves.c_str());
}

/// key[b] - key[a] in bytes.
int64_t distance(const GraphKey &key, size_t a, size_t b) {
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(key[b]) -
                              reinterpret_cast<uintptr_t>(key[a]));
}

/// Whether the same slots share a buffer in both keys. A word pointing
/// into a buffer two slots share is attributed to one of them, which is
/// right only while they stay one buffer (h_0 and c_0 may be one zero
/// tensor on some calls and not on others).
bool sameAliasing(const GraphKey &a, const GraphKey &b) {
  for (size_t s = 0; s < a.size(); ++s)
    for (size_t t = s + 1; t < a.size(); ++t)
      if (a[s] && a[t] && (a[s] == a[t]) != (b[s] == b[t]))
        return false;
  return true;
}

/// Alignment a relocated pointer keeps (the pools' and cudaMalloc's).
constexpr uintptr_t kKeptAlignment = 256;

} // namespace

bool graphRelocationEnabled() {
  static const bool enabled = !environmentSays("RNNRT_GRAPH_RELOCATION", "0") &&
                              graphSnapshotsSupported();
  return enabled;
}

bool checkGraphRelocation() {
  static const bool enabled =
      environmentSays("RNNRT_CHECK_GRAPH_RELOCATION", "1");
  return enabled;
}

Status RelocatableGraph::create(cudaGraph_t graph, cudaGraphExec_t exec,
                                const GraphKey &key,
                                std::unique_ptr<RelocatableGraph> &result) {
  std::unique_ptr<RelocatableGraph> relocatable(new RelocatableGraph());
  RNNRT_RETURN_IF_ERROR(takeSnapshot(graph, relocatable->base));
  relocatable->graph = graph;
  relocatable->baseKey = key;
  relocatable->referencesOfNode.resize(relocatable->base.nodes.size());
  relocatable->ignoredOfNode.resize(relocatable->base.nodes.size());
  Exec first;
  first.exec = exec;
  first.applied = key;
  for (const NodeSnapshot &n : relocatable->base.nodes)
    first.nodes.push_back(n.node);
  relocatable->execs.push_back(std::move(first));
  result = std::move(relocatable);
  return success();
}

RelocatableGraph::~RelocatableGraph() {
  // An executable graph still in flight is freed when it completes.
  for (Exec &e : execs) {
    if (e.exec)
      cudaGraphExecDestroy(e.exec);
    if (e.graph)
      cudaGraphDestroy(e.graph);
  }
  if (graph)
    cudaGraphDestroy(graph);
}

bool RelocatableGraph::isIgnored(size_t node, size_t offset) const {
  for (size_t ignored : ignoredOfNode[node])
    if (ignored == offset)
      return true;
  return false;
}

void RelocatableGraph::tie(size_t chosen, size_t other) {
  const int64_t apart = distance(baseKey, chosen, other);
  for (const TiedSlots &t : tiedSlots)
    if (t.chosen == chosen && t.other == other && t.distance == apart)
      return;
  tiedSlots.push_back({chosen, other, apart});
}

const RelocatableGraph::Reference *
RelocatableGraph::referenceAt(size_t node, size_t offset) const {
  for (size_t r : referencesOfNode[node])
    if (references[r].offset == offset)
      return &references[r];
  return nullptr;
}

Status RelocatableGraph::learn(const GraphSnapshot &other, const GraphKey &key,
                               const GraphExtents &extents, bool &sameWork) {
  std::string why;
  sameWork = base.sameWorkAs(other, why);
  std::array<bool, std::tuple_size<GraphKey>::value> changed{};
  for (size_t s = 0; s < key.size(); ++s) {
    sameWork = sameWork && (key[s] == nullptr) == (baseKey[s] == nullptr);
    changed[s] = key[s] != baseKey[s];
  }
  sameWork = sameWork && sameAliasing(key, baseKey);
  if (!sameWork)
    return success();
  for (size_t i = 0; i < base.nodes.size(); ++i) {
    const NodeSnapshot &was = base.nodes[i];
    const NodeSnapshot &now = other.nodes[i];
    std::vector<unsigned char> wasRest = was.bytes, nowRest = now.bytes;
    for (size_t offset : was.wordOffsets) {
      std::memset(wasRest.data() + offset, 0, 8);
      std::memset(nowRest.data() + offset, 0, 8);
      const uint64_t before = was.word(offset), after = now.word(offset);
      if (isIgnored(i, offset))
        continue;
      if (const Reference *known = referenceAt(i, offset)) {
        RNNRT_REQUIRE(after == reinterpret_cast<uintptr_t>(key[known->slot]) +
                                   static_cast<uint64_t>(known->delta),
                      "graph relocation: node %zu's pointer at byte %zu is "
                      "not slot %zu's any more",
                      i, offset, known->slot);
        continue;
      }
      if (before == after)
        continue;
      // The slot this word points into: the same offset from its pointer
      // in both captures. Among several (slots that moved together), the
      // one whose buffer holds it, else the one it is just past the end
      // of, when that is one slot only (the pool puts buffers end to end:
      // a pointer to one's start is also the previous one's end); else the
      // nearest pointer below it, a choice that holds only while those
      // slots keep their distance (views of one allocation).
      size_t best = key.size();
      int64_t bestDelta = std::numeric_limits<int64_t>::max();
      std::vector<size_t> candidates;
      // Per rank (0: inside the buffer, 1: at its end), the slot and how
      // many there are.
      std::array<size_t, 2> holder{key.size(), key.size()};
      std::array<size_t, 2> holders{0, 0};
      for (size_t s = 0; s < key.size(); ++s) {
        if (!changed[s])
          continue;
        const int64_t delta = difference(before, baseKey[s]);
        if (delta != difference(after, key[s]))
          continue;
        candidates.push_back(s);
        if (extents[s] && delta >= 0 &&
            static_cast<uint64_t>(delta) <= extents[s]) {
          const size_t rank = static_cast<uint64_t>(delta) == extents[s];
          holder[rank] = s;
          ++holders[rank];
        }
        const bool better =
            best == key.size() ||
            (delta >= 0 && (bestDelta < 0 || delta < bestDelta));
        if (better) {
          best = s;
          bestDelta = delta;
        }
      }
      const size_t rank = holders[0] ? 0 : 1;
      if (holders[rank] == 1) {
        best = holder[rank];
        bestDelta = difference(before, baseKey[best]);
      } else {
        for (size_t other : candidates)
          if (other != best)
            tie(best, other);
      }
      if (best == key.size()) {
        // A word that is no device memory in either capture (a library's
        // host stack address, or uninitialized bytes of a parameter
        // struct) cannot be a pointer the kernel reads: a replay keeps the
        // first capture's value, as any graph replay would.
        if (!isDeviceMemory(before) && !isDeviceMemory(after)) {
          ignoredOfNode[i].push_back(offset);
          continue;
        }
        return unexplainedChange(i, offset, before, after, baseKey, key);
      }
      referencesOfNode[i].push_back(references.size());
      references.push_back({i, offset, best, bestDelta});
    }
    RNNRT_REQUIRE(wasRest == nowRest,
                  "graph relocation: node %zu's parameters differ in more "
                  "than pointers",
                  i);
  }
  for (size_t s = 0; s < key.size(); ++s)
    learned[s] = learned[s] || changed[s];
  // Tied slots this capture had at another distance: every word attributed
  // to the chosen one was checked against it above, so the choice is
  // right.
  tiedSlots.erase(std::remove_if(tiedSlots.begin(), tiedSlots.end(),
                                 [&](const TiedSlots &t) {
                                   return distance(key, t.chosen, t.other) !=
                                          t.distance;
                                 }),
                  tiedSlots.end());
  return success();
}

bool RelocatableGraph::canServe(const GraphKey &key, std::string *why) const {
  auto refuse = [&](const std::string &reason) {
    if (why)
      *why = reason;
    return false;
  };
  if (!sameAliasing(key, baseKey))
    return refuse("slots that shared a buffer no longer do, or the other "
                  "way round");
  for (const TiedSlots &t : tiedSlots)
    if (distance(key, t.chosen, t.other) != t.distance)
      return refuse("tied slots " + std::to_string(t.chosen) + " and " +
                    std::to_string(t.other) + " moved apart");
  for (size_t s = 0; s < key.size(); ++s) {
    if (key[s] == baseKey[s])
      continue;
    const uintptr_t now = reinterpret_cast<uintptr_t>(key[s]);
    const uintptr_t was = reinterpret_cast<uintptr_t>(baseKey[s]);
    if (!learned[s])
      return refuse("slot " + std::to_string(s) + " moved for the first time");
    if (!now || !was || (now - was) % kKeptAlignment != 0)
      return refuse("slot " + std::to_string(s) +
                    " is null or changed its alignment");
  }
  return true;
}

std::vector<unsigned char>
RelocatableGraph::bytesFor(size_t node, const GraphKey &key) const {
  std::vector<unsigned char> bytes = base.nodes[node].bytes;
  for (size_t r : referencesOfNode[node]) {
    const Reference &ref = references[r];
    const uint64_t value = reinterpret_cast<uintptr_t>(key[ref.slot]) +
                           static_cast<uint64_t>(ref.delta);
    std::memcpy(bytes.data() + ref.offset, &value, sizeof(value));
  }
  return bytes;
}

Status RelocatableGraph::rewrite(Exec &exec, const GraphKey &key,
                                 size_t &rewritten) const {
  rewritten = 0;
  for (size_t i = 0; i < base.nodes.size(); ++i) {
    bool stale = false;
    for (size_t r : referencesOfNode[i])
      stale =
          stale || exec.applied[references[r].slot] != key[references[r].slot];
    if (!stale)
      continue;
    // Launches already enqueued keep the old parameters.
    RNNRT_RETURN_IF_ERROR(
        writeNode(exec.exec, exec.nodes[i], base.nodes[i], bytesFor(i, key)));
    ++rewritten;
  }
  exec.applied = key;
  return success();
}

Status RelocatableGraph::instantiateClone(Exec &added) const {
  // A clone, since a graph may be instantiated only once (captures of
  // stream-ordered allocations).
  RNNRT_CHECK(cudaGraphClone(&added.graph, graph));
  added.applied = baseKey;
  for (const NodeSnapshot &n : base.nodes) {
    cudaGraphNode_t node = nullptr;
    RNNRT_CHECK(cudaGraphNodeFindInClone(&node, n.node, added.graph));
    added.nodes.push_back(node);
  }
  RNNRT_CHECK(cudaGraphInstantiate(&added.exec, added.graph, 0));
  return success();
}

Status RelocatableGraph::execFor(const GraphKey &key, cudaGraphExec_t &exec,
                                 size_t &rewritten) {
  rewritten = 0;
  for (Exec &e : execs)
    if (e.applied == key) {
      exec = e.exec;
      return success();
    }
  // A few executable graphs, so that buffers that alternate between a few
  // addresses (a result and the previous call's) are not rewritten on
  // every call; past that, the one with the fewest stale pointer words.
  Exec *target = nullptr;
  if (execs.size() < kMaxExecs && !cannotInstantiate) {
    Exec added;
    if (instantiateClone(added).ok()) {
      execs.push_back(std::move(added));
      target = &execs.back();
    } else {
      // Then the executable graphs there are get rewritten.
      if (added.graph)
        cudaGraphDestroy(added.graph);
      cannotInstantiate = true;
      (void)cudaGetLastError();
    }
  }
  if (!target) {
    size_t fewest = std::numeric_limits<size_t>::max();
    for (Exec &e : execs) {
      size_t stale = 0;
      for (const Reference &ref : references)
        stale += e.applied[ref.slot] != key[ref.slot];
      if (stale < fewest) {
        fewest = stale;
        target = &e;
      }
    }
  }
  RNNRT_RETURN_IF_ERROR(rewrite(*target, key, rewritten));
  exec = target->exec;
  return success();
}

Status RelocatableGraph::verify(const GraphSnapshot &fresh,
                                const GraphKey &key) const {
  std::string why;
  RNNRT_REQUIRE(base.sameWorkAs(fresh, why),
                "graph relocation check: a new capture is different work "
                "(%s)",
                why.c_str());
  for (size_t i = 0; i < base.nodes.size(); ++i) {
    std::vector<unsigned char> expected = bytesFor(i, key);
    const NodeSnapshot &actual = fresh.nodes[i];
    // Words that are no device memory on either side are not read as
    // pointers (see learn).
    for (size_t offset : base.nodes[i].wordOffsets) {
      uint64_t want;
      std::memcpy(&want, expected.data() + offset, sizeof(want));
      const uint64_t got = actual.word(offset);
      if (want != got && !isDeviceMemory(want) && !isDeviceMemory(got))
        std::memcpy(expected.data() + offset, &got, sizeof(got));
    }
    for (size_t b = 0; b < expected.size(); ++b)
      RNNRT_REQUIRE(expected[b] == actual.bytes[b],
                    "graph relocation check: node %zu (type %d) byte %zu is "
                    "%u in the relocated graph but %u in a new capture",
                    i, static_cast<int>(base.nodes[i].type), b,
                    static_cast<unsigned>(expected[b]),
                    static_cast<unsigned>(actual.bytes[b]));
  }
  return success();
}

} // namespace rnnrt::cuda
