// Size and waste (image-bloat): files overwritten or deleted by a later
// layer (each lost copy counted once), caches left behind, build tools in
// the runtime image.
#include <algorithm>
#include <map>

#include "image/analyzer.h"
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "core/package_facts.h"
#include "image/base.h"
#include "image/rules.h"

namespace dd::image {
namespace {

struct CacheKind {
  const char* id;
  const char* what;
  const char* fix;
};

constexpr CacheKind kCaches[] = {
    {"apt-lists", "apt package lists (/var/lib/apt/lists)", "&& rm -rf /var/lib/apt/lists/* in the same RUN as apt-get install"},
    {"apt-archives", "downloaded .deb files (/var/cache/apt)", "&& apt-get clean in the same RUN, or RUN --mount=type=cache,target=/var/cache/apt"},
    {"apk", "the apk cache (/var/cache/apk)", "apk add --no-cache PKG"},
    {"pip", "the pip cache (~/.cache/pip)", "pip install --no-cache-dir ..."},
    {"npm", "the npm cache (~/.npm)", "npm ci && npm cache clean --force, or RUN --mount=type=cache,target=/root/.npm"},
    {"yarn", "the yarn cache", "yarn install && yarn cache clean"},
    {"go-build", "the Go build cache (~/.cache/go-build)", "build in a first stage, or RUN --mount=type=cache,target=/root/.cache/go-build"},
    {"git", "a .git folder", "add .git to .dockerignore, or COPY only what the image needs"},
};

// Which cache a path belongs to, -1 for none.
int cache_of(std::string_view p) {
  if (p.rfind("/var/lib/apt/lists/", 0) == 0) {
    if (p == "/var/lib/apt/lists/lock" || p.rfind("/var/lib/apt/lists/partial", 0) == 0 || p.ends_with("/auxfiles")) return -1;
    return 0;
  }
  if (p.rfind("/var/cache/apt/", 0) == 0) return 1;
  if (p.rfind("/var/cache/apk/", 0) == 0) return 2;
  if (p.find("/.cache/pip/") != std::string_view::npos) return 3;
  if (p.find("/.npm/_cacache/") != std::string_view::npos) return 4;
  if (p.find("/.cache/yarn/") != std::string_view::npos || p.find("/.yarn-cache/") != std::string_view::npos) return 5;
  if (p.find("/.cache/go-build/") != std::string_view::npos) return 6;
  if (p.find("/.git/") != std::string_view::npos) return 7;
  return -1;
}

struct SizeScan : LayerScan {
  std::vector<std::pair<std::string, uint64_t>> big;  // regular files >= 1 MiB
  FileSink* on_file(const Entry& e) override {
    if (e.type == FileType::regular && e.size >= (1 << 20)) big.emplace_back(e.path, e.size);
    return nullptr;
  }
};

struct Tool {
  const char* path;
  const char* name;
};
constexpr Tool kTools[] = {
    {"/usr/bin/gcc", "gcc"}, {"/usr/bin/g++", "g++"}, {"/usr/bin/cc", "cc"}, {"/usr/bin/c++", "c++"},
    {"/usr/bin/clang", "clang"}, {"/usr/bin/make", "make"}, {"/usr/bin/cmake", "cmake"}, {"/usr/bin/rustc", "rustc"},
    {"/usr/local/go/bin/go", "go"}, {"/usr/bin/go", "go"}, {"/usr/bin/javac", "javac"},
};

// An installed package that only a build needs (the knowledge layer's build
// packages), except the runtime parts that share a toolchain's name: Debian's
// gcc-12-base (every libgcc-s1 depends on it), llvm-14-runtime, git (the
// application may run it).
bool build_tool_package(std::string_view name) {
  if (!dd::kb::is_build_package(name)) return false;
  for (std::string_view s : {"-base", "-runtime", "-doc", "-common", "-data", "-man", "-locales"})
    if (name.ends_with(s)) return false;
  return name != "git" && !name.starts_with("git-");
}
bool dev_package(std::string_view name) {
  return name.ends_with("-dev") || name.ends_with("-devel") || name.ends_with("-headers");
}

class SizeAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "size"; }
  std::vector<std::string> patterns() const override { return {"**"}; }
  std::unique_ptr<LayerScan> begin_layer(int) override { return std::make_unique<SizeScan>(); }

  void finish(const ImageModel& m, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>& layers,
              FindingSink& out) override {
    // Wasted: the walk credited every lost copy to the layer that had it.
    uint64_t wasted = 0, total = 0;
    for (auto& L : m.layers) wasted += L.changes.wasted_bytes, total += L.changes.bytes;
    if (wasted >= 10'000'000) {
      struct Lost {
        std::string path;
        uint64_t size;
        int layer;
        int by;  // the layer that replaced it, -1 when deleted
      };
      std::vector<Lost> lost;
      for (size_t i = 0; i < layers.size(); ++i) {
        auto* s = static_cast<SizeScan*>(layers[i].get());
        if (!s) continue;
        for (auto& [p, sz] : s->big) {
          auto st = fs.stat(p);
          if (st && st->layer == int(i)) continue;
          lost.push_back({p, sz, int(i), st ? st->layer : -1});
        }
      }
      std::sort(lost.begin(), lost.end(), [](auto& a, auto& b) { return a.size > b.size; });
      // One finding per layer that lost bytes, the largest first.
      std::vector<int> order;
      for (size_t i = 0; i < m.layers.size(); ++i)
        if (m.layers[i].changes.wasted_bytes >= 1'000'000) order.push_back(int(i));
      std::sort(order.begin(), order.end(),
                [&](int a, int b) { return m.layers[size_t(a)].changes.wasted_bytes > m.layers[size_t(b)].changes.wasted_bytes; });
      for (int li : order) {
        const Layer& L = m.layers[size_t(li)];
        std::string first_path;
        std::string detail;
        int shown = 0;
        for (auto& l : lost) {
          if (l.layer != li || shown >= 3) continue;
          if (first_path.empty()) first_path = l.path;
          detail += (shown ? ", " : "") + l.path + " (" + human_bytes(l.size) + ", " +
                    (l.by < 0 ? std::string("deleted") : "replaced") + " by " +
                    (l.by < 0 ? std::string("a later layer") : layer_label(m, l.by)) + ")";
          ++shown;
        }
        Finding f = image_finding(m, kWasted, li, first_path);
        f.message = layer_label(m, li) + " ships " + human_bytes(L.changes.wasted_bytes) +
                    " that later layers overwrite or delete" + (detail.empty() ? "" : ": " + detail);
        f.evidence = human_bytes(wasted) + " wasted in the whole image, efficiency " +
                     std::to_string(int(total ? 100.0 * double(total - wasted) / double(total) : 100)) + "%";
        f.root_cause = "a file removed in a later RUN still lives in the layer that added it";
        out.add(std::move(f));
        if (order.size() > 5 && li == order[4]) break;
      }
    }

    // Caches in the final filesystem, by the layer that put most of them there.
    struct Acc {
      uint64_t bytes = 0;
      std::map<int, uint64_t> by_layer;
      std::string example;
    };
    std::map<int, Acc> caches;
    fs.for_each("/", [&](const std::string& p, const FileStat& st) {
      if (st.type != FileType::regular) return;
      int c = cache_of(p);
      if (c < 0) return;
      Acc& a = caches[c];
      a.bytes += st.size;
      a.by_layer[st.layer] += st.size;
      if (a.example.empty()) {
        a.example = p;
        if (c == 7) a.example = p.substr(0, p.find("/.git/") + 5);
      }
    });
    for (auto& [c, a] : caches) {
      if (a.bytes < 1'000'000) continue;
      int li = std::max_element(a.by_layer.begin(), a.by_layer.end(), [](auto& x, auto& y) { return x.second < y.second; })->first;
      std::string where = kCaches[c].id == std::string("git") || kCaches[c].id == std::string("pip") ||
                                  kCaches[c].id == std::string("npm") || kCaches[c].id == std::string("go-build")
                              ? a.example
                              : a.example.substr(0, a.example.rfind('/'));
      Finding f = image_finding(m, kCache, li, where);
      f.message = layer_label(m, li) + " leaves " + kCaches[c].what + " in the image: " + human_bytes(a.bytes);
      f.evidence = where;
      f.fix = kCaches[c].fix;
      f.tags = {kCaches[c].id};
      out.add(std::move(f));
    }
  }

  // Build tools in the runtime image: compilers, make and -dev packages from
  // the package databases (dpkg, apk, rpm), and the toolchains that no
  // package installed (/usr/local/go, ...) from their paths.
  void judge_inventory(const ImageModel& m, const FsView& fs, const std::vector<Package>& pkgs,
                       FindingSink& out) override {
    std::vector<const Package*> tools, devs;
    bool os_db = false;
    std::map<std::string, int> by_type;
    for (const auto& p : pkgs) {
      if (p.type != "deb" && p.type != "apk" && p.type != "rpm") continue;
      os_db = true;
      if (!build_tool_package(p.name)) continue;
      (dev_package(p.name) ? devs : tools).push_back(&p);
      ++by_type[p.type];
    }
    std::vector<std::string> loose;  // toolchains outside the package databases
    int loose_layer = -1;
    for (auto& t : kTools) {
      if (os_db && std::string_view(t.path).rfind("/usr/local/", 0) != 0) continue;
      auto st = fs.stat_follow(t.path);
      if (!st || st->type != FileType::regular) continue;
      if (std::find(loose.begin(), loose.end(), t.name) != loose.end()) continue;
      loose.push_back(t.name);
      if (auto own = fs.stat(t.path); own && loose_layer < 0) loose_layer = own->layer;
    }
    auto by_name = [](const Package* a, const Package* b) { return a->name < b->name; };
    std::sort(tools.begin(), tools.end(), by_name);
    std::sort(devs.begin(), devs.end(), by_name);
    // -dev packages alone (headers for a native module built in place) are
    // still build leftovers; a lone one may be a runtime dependency's.
    if (tools.empty() && loose.empty() && devs.size() < 3) return;

    // The layer that installed most of them.
    std::map<int, int> votes;
    for (auto* p : tools) ++votes[p->layer];
    for (auto* p : devs) ++votes[p->layer];
    int layer = loose_layer;
    if (!votes.empty())
      layer = std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;

    auto names = [](const std::vector<const Package*>& v, size_t max) {
      std::string s;
      for (size_t i = 0; i < v.size() && i < max; ++i) s += (i ? ", " : "") + v[i]->name;
      if (v.size() > max) s += " and " + std::to_string(v.size() - max) + " more";
      return s;
    };
    std::string list = names(tools, 6);
    for (auto& l : loose) list += (list.empty() ? "" : ", ") + l;
    std::string dev_list;
    if (!devs.empty())
      dev_list = std::to_string(devs.size()) + " -dev package" + (devs.size() == 1 ? "" : "s") + " (" + names(devs, 3) + ")";
    uint64_t gcc_bytes = 0;
    fs.for_each("/usr/lib/gcc", [&](const std::string&, const FileStat& st) {
      if (st.type == FileType::regular) gcc_bytes += st.size;
    });

    std::string where = !tools.empty() ? tools[0]->path : !devs.empty() ? devs[0]->path : "";
    if (where.empty())
      for (auto& t : kTools)
        if (t.name == loose.front() && fs.stat(t.path)) {
          where = t.path;
          break;
        }
    Finding f = image_finding(m, kBuildTools, layer, where);
    f.message = "build tools in the runtime image: " + list + (list.empty() || dev_list.empty() ? "" : " and ") + dev_list +
                (layer >= 0 ? ", installed by " + layer_label(m, layer) : "") +
                (gcc_bytes ? "; /usr/lib/gcc alone is " + human_bytes(gcc_bytes) : "");
    f.evidence = list + (list.empty() || dev_list.empty() ? "" : "; ") + dev_list;
    f.root_cause = "the stage that compiles is the stage that ships";
    // The first package of the inventory it names, with its version.
    if (const Package* p = !tools.empty() ? tools[0] : !devs.empty() ? devs[0] : nullptr)
      set_package_facts(f, p->name, p->version, {}, p->type);

    // A multi-stage proposal with the image's own package manager.
    std::string all;
    for (auto* v : {&tools, &devs})
      for (size_t i = 0; i < v->size() && i < 8; ++i) all += (all.empty() ? "" : " ") + (*v)[i]->name;
    std::string install;
    std::string type = by_type.empty() ? "" : std::max_element(by_type.begin(), by_type.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    if (type == "deb") install = "apt-get update && apt-get install -y --no-install-recommends " + all + " && ";
    else if (type == "apk") install = "apk add --no-cache " + all + " && ";
    else if (type == "rpm") install = "dnf install -y " + all + " && ";
    std::string base = identify_base(m, &fs).name;
    if (base.empty()) base = "<base>";
    f.fix = "FROM " + base + " AS build\nRUN " + install + "<build> --output /out\nFROM " + base +
            "\nCOPY --from=build /out /app";
    f.tags = {"multi-stage"};
    out.add(std::move(f));
  }
};

DD_IMAGE_ANALYZER(SizeAnalyzer)

}  // namespace
}  // namespace dd::image
