// The package inventory analyzer: the package databases and manifests of
// every layer, parsed as they stream past (each bounded), and at the end the
// packages of the final filesystem, each attributed to the layer that first
// recorded it, with purls qualified by /etc/os-release.
#include <map>
#include <set>

#include "image/analyzer.h"
#include "image/packages/parsers.h"
#include "image/packages/zip.h"

namespace dd::image::packages {
namespace {

enum class Kind { dpkg, apk, rpm, python, npm, jar, copyright };

std::optional<Kind> kind_of(std::string_view path) {
  if (path == "/var/lib/dpkg/status" || path.starts_with("/var/lib/dpkg/status.d/")) {
    // distroless: status.d/NAME (and NAME.md5sums beside it)
    if (path.ends_with(".md5sums")) return std::nullopt;
    return Kind::dpkg;
  }
  if (path == "/lib/apk/db/installed") return Kind::apk;
  if (path.starts_with("/usr/share/doc/") && path.ends_with("/copyright") &&
      path.find('/', 15) == path.size() - 10)
    return Kind::copyright;
  if (path == "/var/lib/rpm/rpmdb.sqlite" || path == "/usr/lib/sysimage/rpm/rpmdb.sqlite") return Kind::rpm;
  if ((path.ends_with(".dist-info/METADATA")) || path.ends_with(".egg-info/PKG-INFO") || path.ends_with(".egg-info"))
    return Kind::python;
  if (is_npm_manifest_path(path)) return Kind::npm;
  if (path.ends_with(".jar") || path.ends_with(".war") || path.ends_with(".ear")) return Kind::jar;
  return std::nullopt;
}

uint64_t bound(Kind k) {
  switch (k) {
    case Kind::dpkg:
    case Kind::apk:
    case Kind::rpm: return kMaxDbBytes;
    default: return kMaxManifestBytes;
  }
}

struct Found {
  std::vector<Package> pkgs;
  std::string license;  // a Debian copyright file's licences
};

class DbSink : public FileSink {
 public:
  DbSink(std::map<std::string, Found>& out, std::string path, Kind kind)
      : out_(out), path_(std::move(path)), kind_(kind), max_(bound(kind)) {
    if (kind_ == Kind::jar) zip_ = std::make_unique<JarScanner>();
  }
  bool data(std::span<const char> chunk) override {
    if (zip_) return zip_->feed(std::string_view(chunk.data(), chunk.size()));
    size_t room = max_ > buf_.size() ? max_ - buf_.size() : 0;
    buf_.append(chunk.data(), std::min(room, chunk.size()));
    return chunk.size() <= room;
  }
  void end(bool complete) override {
    (void)complete;
    Found f;
    Package p;
    switch (kind_) {
      case Kind::dpkg: f.pkgs = parse_dpkg_status(buf_); break;
      case Kind::apk: f.pkgs = parse_apk_installed(buf_); break;
      case Kind::rpm: f.pkgs = parse_rpmdb_sqlite(buf_); break;
      case Kind::python:
        if (parse_python_metadata(buf_, p)) f.pkgs.push_back(p);
        break;
      case Kind::npm:
        if (parse_npm_package_json(buf_, p)) f.pkgs.push_back(p);
        break;
      case Kind::jar: f.pkgs = zip_->finish(); break;
      case Kind::copyright: f.license = parse_debian_copyright(buf_); break;
    }
    for (auto& q : f.pkgs) q.path = path_;
    out_[path_] = std::move(f);
    std::string().swap(buf_);
  }

 private:
  std::map<std::string, Found>& out_;
  std::string path_;
  Kind kind_;
  uint64_t max_;
  std::string buf_;
  std::unique_ptr<JarScanner> zip_;
};

class Scan : public LayerScan {
 public:
  FileSink* on_file(const Entry& e) override {
    if (e.type != FileType::regular) return nullptr;
    auto k = kind_of(e.path);
    if (!k) return nullptr;
    sink_ = std::make_unique<DbSink>(found, e.path, *k);
    return sink_.get();
  }
  std::map<std::string, Found> found;

 private:
  std::unique_ptr<DbSink> sink_;
};

class PackagesAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "packages"; }
  std::vector<std::string> patterns() const override {
    return {"/var/lib/dpkg/status", "/var/lib/dpkg/status.d/*", "/lib/apk/db/installed", "/var/lib/rpm/rpmdb.sqlite",
            "/usr/lib/sysimage/rpm/rpmdb.sqlite", "**/*.dist-info/METADATA", "**/*.egg-info/PKG-INFO", "**/*.egg-info",
            "**/package.json" /* filtered by is_npm_manifest_path */, "**/*.jar", "**/*.war", "**/*.ear",
            "/usr/share/doc/*/copyright"};
  }
  std::vector<Retain> retain() const override { return {{"/etc/os-release", 1 << 16}, {"/usr/lib/os-release", 1 << 16}}; }
  std::unique_ptr<LayerScan> begin_layer(int) override { return std::make_unique<Scan>(); }
  void finish(const ImageModel&, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>& layers,
              FindingSink& out) override {
    Distro distro;
    for (const char* f : {"/etc/os-release", "/usr/lib/os-release"}) {
      if (auto t = fs.read(f, 1 << 16)) {
        distro = parse_os_release(*t);
        if (distro.known()) break;
      }
    }
    // The first layer where each (path, type, name, version) was seen.
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int> first;
    for (size_t i = 0; i < layers.size(); ++i) {
      auto* s = dynamic_cast<Scan*>(layers[i].get());
      if (!s) continue;
      for (auto& [path, f] : s->found)
        for (auto& p : f.pkgs) first.try_emplace({path, p.type, p.name, p.version}, static_cast<int>(i));
    }
    // Debian licences: the copyright files of the final filesystem, by path
    // (a package's doc folder may be a symlink to its source's).
    std::map<std::string, std::string> copyright;
    for (size_t i = 0; i < layers.size(); ++i) {
      auto* s = dynamic_cast<Scan*>(layers[i].get());
      if (!s) continue;
      for (auto& [path, f] : s->found) {
        auto st = fs.stat(path);
        if (st && st->layer == static_cast<int>(i) && !f.license.empty()) copyright[path] = f.license;
      }
    }
    auto deb_license = [&](const std::string& name) -> std::string {
      if (copyright.empty()) return "";
      auto at = fs.resolve("/usr/share/doc/" + name + "/copyright");
      if (!at) return "";
      auto it = copyright.find(*at);
      return it == copyright.end() ? "" : it->second;
    };
    for (size_t i = 0; i < layers.size(); ++i) {
      auto* s = dynamic_cast<Scan*>(layers[i].get());
      if (!s) continue;
      for (auto& [path, f] : s->found) {
        auto st = fs.stat(path);
        if (!st || st->layer != static_cast<int>(i)) continue;  // a later layer replaced or deleted it
        for (auto& p : f.pkgs) {
          set_purl(p, distro);
          Package& pk = p;
          ::dd::image::Package q;
          q.type = pk.type;
          q.name = pk.namespace_.empty() || pk.type == "deb" || pk.type == "apk" || pk.type == "rpm"
                       ? pk.name
                       : pk.namespace_ + (pk.type == "maven" ? ":" : "/") + pk.name;
          q.version = pk.version;
          q.source_name = pk.source;
          q.source_version = pk.source_version;
          q.license = pk.license;
          if (q.type == "deb" && q.license.empty()) q.license = deb_license(pk.name);
          q.purl = pk.purl;
          q.path = path;
          q.arch = pk.arch;
          auto it = first.find({path, pk.type, pk.name, pk.version});
          q.layer = it != first.end() ? it->second : static_cast<int>(i);
          out.add_package(std::move(q));
        }
      }
    }
  }
};

DD_IMAGE_ANALYZER(PackagesAnalyzer)

}  // namespace
}  // namespace dd::image::packages
