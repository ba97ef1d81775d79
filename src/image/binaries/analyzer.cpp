// The binaries analyzer: every executable or shared object of every layer
// goes through the streaming ELF reader (bounded); at the end the ELF files
// of the final filesystem are judged (binaries/check.h), and Go build info
// becomes golang packages in the inventory.
#include <map>
#include <mutex>

#include "image/analyzer.h"
#include "image/binaries/check.h"
#include "image/packages/package.h"

namespace dd::image::binaries {
namespace {

bool wants(const Entry& e) {
  if (e.type != FileType::regular || e.size < 4) return false;
  if (e.mode & 0111) return true;
  std::string_view name = std::string_view(e.path).substr(e.path.rfind('/') + 1);
  return name.find(".so") != std::string_view::npos || name.ends_with(".node");
}

struct Scanned {
  std::map<std::string, elf::ElfInfo, std::less<>> elves;
  std::map<std::string, std::string, std::less<>> shebangs;
};

class Sink : public FileSink {
 public:
  Sink(Scanned& out, std::string path) : out_(out), path_(std::move(path)) {}
  bool data(std::span<const char> chunk) override {
    std::string_view c(chunk.data(), chunk.size());
    if (first_) {
      first_ = false;
      if (c.starts_with("#!")) script_ = true;
    }
    if (script_) {
      head_.append(c.substr(0, std::min<size_t>(c.size(), 512 - std::min<size_t>(512, head_.size()))));
      return head_.size() < 512 && head_.find('\n') == std::string::npos;
    }
    return reader_.feed(c);
  }
  void end(bool complete) override {
    (void)complete;
    if (script_) {
      std::string line = head_.substr(2, head_.find('\n') == std::string::npos ? std::string::npos : head_.find('\n') - 2);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      size_t b = line.find_first_not_of(" \t");
      if (b != std::string::npos && head_.find('\n') != std::string::npos) out_.shebangs[path_] = line.substr(b);
      return;
    }
    elf::ElfInfo info = reader_.finish();
    if (info.is_elf) out_.elves[path_] = std::move(info);
  }

 private:
  Scanned& out_;
  std::string path_;
  elf::Reader reader_;
  bool first_ = true, script_ = false;
  std::string head_;
};

class Scan : public LayerScan {
 public:
  FileSink* on_file(const Entry& e) override {
    if (!wants(e)) return nullptr;
    sink_ = std::make_unique<Sink>(scanned, e.path);
    return sink_.get();
  }
  Scanned scanned;

 private:
  std::unique_ptr<Sink> sink_;
};

class BinariesAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "binaries"; }
  std::vector<std::string> patterns() const override { return {"**"}; }
  std::vector<Retain> retain() const override {
    return {{"/etc/ld.so.cache", 8 << 20}, {"/etc/ld.so.conf", 1 << 16}, {"/etc/ld.so.conf.d/**", 1 << 16},
            {"/etc/ld-musl-*.path", 1 << 16},
            {"/etc/os-release", 1 << 16}, {"/usr/lib/os-release", 1 << 16}};
  }
  std::unique_ptr<LayerScan> begin_layer(int) override { return std::make_unique<Scan>(); }
  void finish(const ImageModel& model, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>& layers,
              FindingSink& out) override {
    // The version of each path that survived: the one of the layer that last wrote it.
    std::map<std::string, elf::ElfInfo, std::less<>> elves;
    std::map<std::string, std::string, std::less<>> shebangs;
    std::map<std::string, int, std::less<>> layer_of;
    for (size_t i = 0; i < layers.size(); ++i) {
      auto* s = dynamic_cast<Scan*>(layers[i].get());
      if (!s) continue;
      auto survived = [&](const std::string& p) {
        auto st = fs.stat(p);
        return st && st->type == FileType::regular && st->layer == static_cast<int>(i);
      };
      for (auto& [p, e] : s->scanned.elves)
        if (survived(p)) {
          elves[p] = std::move(e);
          layer_of[p] = static_cast<int>(i);
        }
      for (auto& [p, l] : s->scanned.shebangs)
        if (survived(p)) {
          shebangs[p] = std::move(l);
          layer_of[p] = static_cast<int>(i);
        }
    }
    auto digest = [&](const std::string& p) -> std::string {
      auto it = layer_of.find(p);
      if (it == layer_of.end() || it->second < 0 || it->second >= static_cast<int>(model.layers.size())) return "";
      return model.layers[it->second].digest;
    };
    Inputs in{&fs, &model.config, &elves, &shebangs, model.name.empty() ? model.source : model.name, digest};
    for (auto& f : check(in)) out.add(std::move(f));
    // Go build info -> golang packages (the main module and its deps).
    packages::Distro distro;
    for (auto& kv : elves) {
      const std::string& p = kv.first;
      const elf::ElfInfo& e = kv.second;
      if (!e.go) continue;
      const auto& go = *e.go;
      auto emit = [&](const std::string& path, const std::string& version) {
        if (path.empty()) return;
        packages::Package pk;
        pk.type = "golang";
        pk.name = path;
        pk.version = version == "(devel)" ? "" : version;
        packages::set_purl(pk, distro);
        Package q;
        q.type = pk.type;
        q.name = pk.name;
        q.version = pk.version;
        q.purl = pk.purl;
        q.path = p;
        q.layer = layer_of[p];
        out.add_package(std::move(q));
      };
      emit(!go.main.path.empty() ? go.main.path : go.path, go.main.version);
      for (const auto& d : go.deps)
        emit(d.replace_path.empty() || d.replace_path[0] == '.' || d.replace_path[0] == '/' ? d.path : d.replace_path,
             d.replace_path.empty() ? d.version : d.replace_version);
      // The toolchain itself: stdlib vulnerabilities are matched on it.
      if (!go.go_version.empty() && go.go_version.starts_with("go")) emit("stdlib", go.go_version.substr(2));
    }
  }
};

DD_IMAGE_ANALYZER(BinariesAnalyzer)

}  // namespace
}  // namespace dd::image::binaries
