#include "image/base.h"

#include <regex>

#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"

namespace dd::image {
namespace {

std::string os_value(const std::string& text, std::string_view key) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == '=') {
      std::string v(line.substr(key.size() + 1));
      while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.pop_back();
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
      return v;
    }
  }
  return "";
}

// The official images' own first history lines.
std::string from_history(const ImageModel& m) {
  // debian: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700000000'"
  static const std::regex debian(R"(debian\.sh .*'(\w+)' '@\d+')");
  // alpine: "ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit",
  // or "ADD file:... in /" (then the label or os-release says more)
  static const std::regex alpine(R"(alpine-minirootfs-(\d+\.\d+(?:\.\d+)?)-)");
  for (size_t i = 0; i < m.history.size() && i < 3; ++i) {
    const std::string& c = m.history[i].created_by;
    std::smatch mt;
    if (std::regex_search(c, mt, debian)) return "debian:" + mt[1].str();
    if (std::regex_search(c, mt, alpine)) return "alpine:" + mt[1].str();
  }
  return "";
}

}  // namespace

BaseImage identify_base(const ImageModel& m, const FsView* fs) {
  BaseImage b;
  if (fs) {
    for (const char* f : {"/etc/os-release", "/usr/lib/os-release"})
      if (auto t = fs->read(f, 1 << 16)) {
        b.os_id = os_value(*t, "ID");
        b.os_version = os_value(*t, "VERSION_ID");
        b.os_codename = os_value(*t, "VERSION_CODENAME");
        if (!b.os_id.empty()) break;
      }
  }
  for (const char* k : {"org.opencontainers.image.base.name", "org.label-schema.base-image"})
    if (auto it = m.config.labels.find(k); it != m.config.labels.end() && !it->second.empty()) {
      b.name = it->second;
      b.how = std::string("label ") + k;
      return b;
    }
  // Ubuntu's images say who they are in labels of their own.
  auto ref = m.config.labels.find("org.opencontainers.image.ref.name");
  auto ver = m.config.labels.find("org.opencontainers.image.version");
  if (ref != m.config.labels.end() && ver != m.config.labels.end() && ref->second == "ubuntu" && !ver->second.empty()) {
    b.name = "ubuntu:" + ver->second;
    b.how = "labels org.opencontainers.image.ref.name and .version";
    return b;
  }
  b.name = from_history(m);
  if (!b.name.empty()) {
    b.how = "history";
    return b;
  }
  if (!b.os_id.empty() && (!b.os_version.empty() || !b.os_codename.empty())) {
    b.name = b.os_id + ":" + (b.os_version.empty() ? b.os_codename : b.os_version);
    b.how = "/etc/os-release";
  }
  return b;
}

std::optional<std::string> base_end_of_life(const BaseImage& b, std::string* what, std::string* upgrade) {
  // What the filesystem runs decides first: a label can name a base the
  // image later upgraded from (or a company base whose tag says nothing).
  if (!b.os_id.empty() && !b.os_version.empty()) {
    kb::ImageRef os;
    os.path = os.name = b.os_id;
    os.tag = b.os_version;
    if (auto v = dd::kb::eol_verdict(b.os_id, b.os_version, dd::kb::Clock::today())) {
      *what = b.os_id + " " + b.os_version + " (its /etc/os-release)";
      if (upgrade) *upgrade = v->upgrade;
      return v->why;
    }
  }
  // Then the base's name (a runtime image: python:3.8 on a current Debian).
  if (!b.name.empty() && b.how != "/etc/os-release") {
    kb::ImageRef r = kb::parse_image(b.name);
    if (auto v = dd::kb::eol_verdict(r)) {
      *what = b.name + " (" + b.how + ")";
      if (upgrade) *upgrade = v->upgrade;
      return v->why;
    }
  }
  return std::nullopt;
}

std::vector<RuntimeEol> runtime_end_of_life(const ImageModel& m) {
  std::vector<RuntimeEol> out;
  for (const auto& rt : kb::runtimes()) {
    if (rt.version_env.empty()) continue;
    for (const std::string& e : m.config.env) {
      if (e.size() <= rt.version_env.size() || e.compare(0, rt.version_env.size(), rt.version_env) != 0 ||
          e[rt.version_env.size()] != '=')
        continue;
      // The version starts at its first digit: Temurin's JAVA_VERSION is
      // "jdk-21.0.5+11" or "jdk8u432-b06".
      std::string_view v = std::string_view(e).substr(rt.version_env.size() + 1);
      size_t d = v.find_first_of("0123456789");
      if (d == std::string_view::npos) continue;
      v = v.substr(d);
      if (auto verdict = kb::eol_verdict(rt.image, v, kb::Clock::today()))
        out.push_back({e, std::string(rt.image), verdict->why, verdict->upgrade});
    }
  }
  return out;
}

}  // namespace dd::image
