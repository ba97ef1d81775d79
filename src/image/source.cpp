#include "image/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/error.h"
#include "image/tar.h"
#include "image/walk.h"

namespace dd::image {

std::string member_name(std::string n) {
  while (n.rfind("./", 0) == 0) n.erase(0, 2);
  while (!n.empty() && n[0] == '/') n.erase(0, 1);
  return n;
}

std::string member_link(const TarEntry& e) {
  if (e.type == '2') return e.linkname;
  if (e.type == '1') return "/" + member_name(e.linkname);
  return "";
}

namespace {

using json = nlohmann::json;

// A layout: files by relative path, from a directory or a tar.
struct Store {
  std::string name;
  std::function<std::optional<Blob>(const std::string&)> get;
};

// Symlinks and hard links between members: docker save writes a layer
// that is in the image twice once, and links the second to the first.
// A symlink's target is relative to its folder; a hard link's (kept with a
// leading "/") to the archive's root.
using MemberLinks = std::map<std::string, std::string>;

std::string follow_links(const MemberLinks& links, std::string rel) {
  for (int hops = 0; hops < 16; ++hops) {
    auto it = links.find(rel);
    if (it == links.end()) return rel;
    const std::string& t = it->second;
    if (!t.empty() && t[0] == '/') {
      rel = member_name(clean_abs(t));
    } else {
      size_t s = rel.rfind('/');
      rel = member_name(clean_abs((s == std::string::npos ? "" : rel.substr(0, s)) + "/" + t));
    }
  }
  return rel;  // a loop: the caller finds no such member
}


struct IndexHandler : TarHandler {
  std::map<std::string, std::pair<uint64_t, uint64_t>> members;
  MemberLinks links;
  bool entry(const TarEntry& e) override {
    if (e.type == '0' || e.type == '7') members[member_name(e.name)] = {e.data_offset, e.size};
    if (std::string l = member_link(e); !l.empty()) links[member_name(e.name)] = std::move(l);
    return false;
  }
};

Store tar_store(std::shared_ptr<File> f) {
  auto h = std::make_shared<IndexHandler>();
  TarParser p(*h);
  char blk[512];
  uint64_t off = 0;
  try {
    while (!p.ended() && off < f->size) {
      if (uint64_t s = p.skippable()) {
        s = std::min(s, f->size - off);
        p.skip(s);
        off += s;
        continue;
      }
      ssize_t n = ::pread(f->fd, blk, 512, off_t(off));
      if (n <= 0) break;
      p.feed({blk, size_t(n)});
      off += uint64_t(n);
    }
  } catch (const TarError& e) {
    throw InputError(f->name + ": not a readable tar archive (" + e.what() + ")");
  }
  if (h->members.empty()) throw InputError(f->name + ": not a tar archive, or an empty one");
  Store s;
  s.name = f->name;
  s.get = [f, h](const std::string& rel) -> std::optional<Blob> {
    auto it = h->members.find(follow_links(h->links, member_name(rel)));
    if (it == h->members.end()) return std::nullopt;
    if (it->second.first + it->second.second > f->size)
      throw InputError(f->name + ": " + rel + " is cut short (truncated archive)");
    return Blob{f, it->second.first, it->second.second, it->first};
  };
  return s;
}

Store dir_store(const std::string& dir) {
  Store s;
  s.name = dir;
  s.get = [dir](const std::string& rel) -> std::optional<Blob> {
    std::string r = member_name(rel);
    if (r.find("..") != std::string::npos) return std::nullopt;
    std::string p = dir + "/" + r;
    struct stat st{};
    if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    auto f = open_file(p);
    return Blob{f, 0, f->size, r};
  };
  return s;
}

json parse_json(const Store& s, const Blob& b, const std::string& what) {
  json j = json::parse(read_blob(b), nullptr, false);
  if (j.is_discarded()) throw InputError(s.name + ": " + b.name + " (" + what + ") is not valid JSON");
  return j;
}

std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> strs(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string blob_path(const std::string& digest) {
  auto c = digest.find(':');
  if (c == std::string::npos) return "";
  return "blobs/" + digest.substr(0, c) + "/" + digest.substr(c + 1);
}

std::string hex_of(const std::string& digest) {
  return digest.rfind("sha256:", 0) == 0 ? digest.substr(7) : "";
}

void read_config(ImageModel& m, const json& c) {
  if (!c.is_object()) return;
  m.config.platform = Platform::normalized(str(c, "os"), str(c, "architecture"), str(c, "variant"));
  m.config.created = str(c, "created");
  const json& cc = c.contains("config") && c["config"].is_object() ? c["config"] : json::object();
  m.config.user = str(cc, "User");
  m.config.env = strs(cc.value("Env", json::array()));
  if (cc.contains("Entrypoint") && cc["Entrypoint"].is_array()) m.config.entrypoint_set = true;
  if (cc.contains("Cmd") && cc["Cmd"].is_array()) m.config.cmd_set = true;
  m.config.entrypoint = strs(cc.value("Entrypoint", json::array()));
  m.config.cmd = strs(cc.value("Cmd", json::array()));
  m.config.working_dir = str(cc, "WorkingDir");
  m.config.stop_signal = str(cc, "StopSignal");
  if (cc.contains("Labels") && cc["Labels"].is_object())
    for (auto& [k, v] : cc["Labels"].items())
      if (v.is_string()) m.config.labels[k] = v.get<std::string>();
  if (cc.contains("ExposedPorts") && cc["ExposedPorts"].is_object())
    for (auto& [k, v] : cc["ExposedPorts"].items()) m.config.exposed_ports.push_back(k);
  if (cc.contains("Volumes") && cc["Volumes"].is_object())
    for (auto& [k, v] : cc["Volumes"].items()) m.config.volumes.push_back(k);
  if (cc.contains("Healthcheck") && cc["Healthcheck"].is_object())
    m.config.healthcheck = strs(cc["Healthcheck"].value("Test", json::array()));
  if (c.contains("history") && c["history"].is_array())
    for (auto& h : c["history"]) {
      if (!h.is_object()) continue;
      HistoryEntry e;
      e.created = str(h, "created");
      e.created_by = str(h, "created_by");
      e.comment = str(h, "comment");
      e.empty_layer = h.value("empty_layer", false);
      m.history.push_back(e);
    }
}

// Fills layers' history links once the layer list is known.
void link_history(ImageModel& m) {
  size_t li = 0;
  for (size_t i = 0; i < m.history.size(); ++i) {
    if (m.history[i].empty_layer) continue;
    if (li >= m.layers.size()) break;
    m.history[i].layer = int(li);
    m.layers[li].history = int(i);
    m.layers[li].created_by = m.history[i].created_by;
    ++li;
  }
}

std::vector<std::string> diff_ids(const json& c) {
  if (c.is_object() && c.contains("rootfs") && c["rootfs"].is_object())
    return strs(c["rootfs"].value("diff_ids", json::array()));
  return {};
}

OpenedImage from_docker_manifest(const Store& s, const json& man, const Options& opt) {
  if (!man.is_array() || man.empty() || !man[0].is_object())
    throw InputError(s.name + ": manifest.json lists no image");
  const json& e = man[0];
  OpenedImage out;
  auto cfgb = s.get(str(e, "Config"));
  if (!cfgb) throw InputError(s.name + ": the image config " + str(e, "Config") + " is missing");
  json cfg = parse_json(s, *cfgb, "image config");
  read_config(out.model, cfg);
  out.model.id = "sha256:" + sha256_hex(read_blob(*cfgb));
  auto tags = strs(e.value("RepoTags", json::array()));
  if (!tags.empty()) out.model.name = tags[0];
  auto ids = diff_ids(cfg);
  auto layers = strs(e.value("Layers", json::array()));
  for (size_t i = 0; i < layers.size(); ++i) {
    auto b = s.get(layers[i]);
    if (!b) throw InputError(s.name + ": layer " + layers[i] + " is missing");
    LayerBlob lb{*b, "", ""};
    Layer L;
    L.index = int(i);
    L.compressed_size = b->size;
    const std::string& p = layers[i];
    if (p.rfind("blobs/sha256/", 0) == 0) {
      lb.expect = p.substr(13);
      L.digest = "sha256:" + lb.expect;
    }
    if (i < ids.size()) {
      L.diff_id = ids[i];
      lb.expect_diff_id = hex_of(ids[i]);
      if (L.digest.empty()) L.digest = ids[i];
    }
    L.media_type = "application/vnd.docker.image.rootfs.diff.tar";
    out.model.layers.push_back(L);
    out.layers.push_back(lb);
  }
  (void)opt;
  return out;
}

bool is_attestation(const json& d) {
  if (d.contains("annotations") && d["annotations"].is_object() &&
      d["annotations"].contains("vnd.docker.reference.type"))
    return true;
  if (d.contains("platform") && d["platform"].is_object() && str(d["platform"], "os") == "unknown") return true;
  return false;
}

OpenedImage from_oci_index(const Store& s, const json& index, const Options& opt) {
  Platform want = host_platform();
  if (!opt.platform.empty()) {
    auto p = Platform::parse(opt.platform);
    if (!p) throw InputError("--platform " + opt.platform + ": not a platform (os/arch[/variant])");
    want = *p;
  }
  json cur = index;
  std::string manifest_digest;
  std::string ref_name;  // the index's name annotation, when there is one
  for (int depth = 0; depth < 4; ++depth) {
    std::string mt = str(cur, "mediaType");
    if (cur.contains("layers")) break;  // a manifest
    if (!cur.contains("manifests") || !cur["manifests"].is_array())
      throw InputError(s.name + ": index lists no manifests");
    std::vector<const json*> cands;
    auto ref_of = [](const json& d) {
      return d.contains("annotations") && d["annotations"].is_object()
                 ? str(d["annotations"], "org.opencontainers.image.ref.name") : std::string();
    };
    std::vector<std::string> refs;
    for (auto& d : cur["manifests"])
      if (d.is_object() && !is_attestation(d)) {
        std::string r = depth == 0 ? ref_of(d) : "";
        if (!r.empty() && std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(r);
        // DIR:REF (skopeo's oci:DIR:REF) names one image of the layout.
        if (depth == 0 && !opt.ref.empty() && r != opt.ref) continue;
        cands.push_back(&d);
      }
    auto ref_list = [&] {
      std::string l;
      for (auto& r : refs) l += (l.empty() ? "" : ", ") + r;
      return l;
    };
    if (cands.empty() && !opt.ref.empty() && depth == 0)
      throw InputError(s.name + ": no image named " + opt.ref + " in the layout (it has " + (refs.empty() ? "no names" : ref_list()) + ")");
    if (cands.empty()) throw InputError(s.name + ": index lists no image manifest");
    if (depth == 0 && opt.ref.empty() && refs.size() > 1)
      throw InputError(s.name + ": the layout holds " + std::to_string(refs.size()) + " images (" + ref_list() +
                       "); name one as " + s.name + ":NAME");
    const json* pick = nullptr;
    std::vector<std::string> seen;
    for (auto* d : cands) {
      if (!d->contains("platform") || !(*d)["platform"].is_object()) continue;
      const json& pl = (*d)["platform"];
      Platform p = Platform::normalized(str(pl, "os"), str(pl, "architecture"), str(pl, "variant"));
      seen.push_back(p.str());
      if (!pick && (p == want || p.runs_as(want))) pick = d;
    }
    if (!pick) {
      if (seen.empty() || (cands.size() == 1 && opt.platform.empty())) pick = cands[0];
      else {
        std::string list;
        for (auto& x : seen) list += (list.empty() ? "" : ", ") + x;
        throw InputError(s.name + ": no manifest for " + want.str() + " (the index has " + list + "); choose one with --platform");
      }
    }
    manifest_digest = str(*pick, "digest");
    auto b = s.get(blob_path(manifest_digest));
    if (!b) throw InputError(s.name + ": manifest blob " + manifest_digest + " is missing");
    std::string bytes = read_blob(*b);
    if (hex_of(manifest_digest) != sha256_hex(bytes))
      throw InputError(s.name + ": manifest blob " + manifest_digest + " does not match its digest");
    cur = json::parse(bytes, nullptr, false);
    if (cur.is_discarded()) throw InputError(s.name + ": manifest " + manifest_digest + " is not valid JSON");
    if (depth == 0 && index.contains("manifests") && index["manifests"].is_array())
      for (auto& d : index["manifests"])
        if (str(d, "digest") == manifest_digest && d.contains("annotations") && d["annotations"].is_object()) {
          std::string n = str(d["annotations"], "io.containerd.image.name");
          if (n.empty()) n = str(d["annotations"], "org.opencontainers.image.ref.name");
          if (!n.empty()) ref_name = n;
        }
  }
  if (!cur.contains("layers") || !cur.contains("config")) throw InputError(s.name + ": no image manifest found");
  OpenedImage out;
  out.model.manifest_digest = manifest_digest;
  out.model.name = ref_name;
  std::string cd = str(cur["config"], "digest");
  auto cfgb = s.get(blob_path(cd));
  if (!cfgb) throw InputError(s.name + ": the image config " + cd + " is missing");
  std::string cfg_bytes = read_blob(*cfgb);
  if (hex_of(cd) != sha256_hex(cfg_bytes)) throw InputError(s.name + ": the image config " + cd + " does not match its digest");
  json cfg = json::parse(cfg_bytes, nullptr, false);
  if (cfg.is_discarded()) throw InputError(s.name + ": the image config is not valid JSON");
  read_config(out.model, cfg);
  out.model.id = cd;
  auto ids = diff_ids(cfg);
  int i = 0;
  for (auto& d : cur["layers"]) {
    std::string dg = str(d, "digest");
    auto b = s.get(blob_path(dg));
    if (!b) throw InputError(s.name + ": layer blob " + dg + " is missing");
    Layer L;
    L.index = i;
    L.digest = dg;
    L.media_type = str(d, "mediaType");
    L.compressed_size = b->size;
    LayerBlob lb{*b, hex_of(dg), ""};
    if (size_t(i) < ids.size()) {
      L.diff_id = ids[size_t(i)];
      if (lb.expect.empty()) lb.expect_diff_id = hex_of(ids[size_t(i)]);
    }
    out.model.layers.push_back(L);
    out.layers.push_back(lb);
    ++i;
  }
  return out;
}

OpenedImage from_store(const Store& s, const Options& opt) {
  if (!opt.ref.empty()) {
    if (auto ix = s.get("index.json")) return from_oci_index(s, parse_json(s, *ix, "index.json"), opt);
    throw InputError(s.name + ": " + opt.ref + " names an image of an OCI layout, and this is not one");
  }
  if (auto m = s.get("manifest.json")) {
    OpenedImage o = from_docker_manifest(s, parse_json(s, *m, "manifest.json"), opt);
    // Docker 25+ archives are also OCI layouts: take the manifest digest.
    if (auto ix = s.get("index.json")) {
      json j = json::parse(read_blob(*ix), nullptr, false);
      if (j.is_object() && j.contains("manifests") && j["manifests"].is_array() && !j["manifests"].empty())
        o.model.manifest_digest = str(j["manifests"][0], "digest");
    }
    return o;
  }
  if (auto ix = s.get("index.json")) return from_oci_index(s, parse_json(s, *ix, "index.json"), opt);
  throw InputError(s.name + ": neither a docker save archive (manifest.json) nor an OCI image layout (index.json)");
}

}  // namespace

Platform host_platform() {
  struct utsname u{};
  ::uname(&u);
  std::string m = u.machine;
  std::string variant;
  if (m.rfind("armv7", 0) == 0) m = "arm", variant = "v7";
  else if (m.rfind("armv6", 0) == 0) m = "arm", variant = "v6";
  return Platform::normalized("linux", m, variant);
}

namespace {

// What every source does once its layout is read.
void finish_open(OpenedImage& o, const std::string& source) {
  o.model.source = source;
  // An OCI ref name that is only a tag ("latest", from skopeo oci:DIR:latest).
  if (!o.model.name.empty() && o.model.name.find_first_of(":/") == std::string::npos)
    o.model.name = source + ":" + o.model.name;
  link_history(o.model);
}

}  // namespace

OpenedImage open_image(const std::string& source, const Options& opt) {
  if (source.rfind("docker://", 0) == 0)
    throw InputError(source + ": an engine image is read once, as a stream: open it with open_and_walk()");
  struct stat st{};
  std::string path = source;
  Options o2 = opt;
  if (::stat(path.c_str(), &st) != 0) {
    // DIR:REF or TAR:REF, an OCI layout and the name of one of its images.
    int err = errno;
    size_t c = source.rfind(':');
    if (c == std::string::npos || c == 0 || c + 1 == source.size() || source.find('/', c) != std::string::npos ||
        ::stat(source.substr(0, c).c_str(), &st) != 0)
      throw InputError(source + ": " + std::strerror(err));
    path = source.substr(0, c);
    o2.ref = source.substr(c + 1);
  }
  OpenedImage o = S_ISDIR(st.st_mode) ? from_store(dir_store(path), o2) : from_store(tar_store(open_file(path)), o2);
  if (!o2.ref.empty() && o.model.name == o2.ref) o.model.name = source;
  finish_open(o, source);
  return o;
}

OpenedImage open_streamed(const std::string& source, const std::map<std::string, StreamMember>& members,
                          const Options& opt) {
  MemberLinks links;
  for (const auto& [n, m] : members)
    if (!m.link.empty()) links[n] = m.link;
  Store s;
  s.name = source;
  s.get = [&](const std::string& rel) -> std::optional<Blob> {
    std::string r = follow_links(links, member_name(rel));
    auto it = members.find(r);
    if (it == members.end() || !it->second.link.empty()) return std::nullopt;
    Blob b;
    b.name = r;
    b.size = it->second.size;
    b.mem = it->second.data;
    b.slot = it->second.slot;
    if (!b.mem && b.slot < 0) throw InputError(source + ": " + r + " was too large to keep and is not a layer");
    return b;
  };
  OpenedImage o = from_store(s, opt);
  finish_open(o, source);
  return o;
}

}  // namespace dd::image
