#include "image/analyze.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/error.h"
#include "core/report.h"
#include "dockerfile/parser.h"
#include "image/base.h"
#include "image/rules.h"
#include "image/source.h"
#include "secrets/secrets.h"

namespace dd::image {
namespace {

using json = nlohmann::json;

struct Sink : FindingSink {
  Report& r;
  std::vector<Package>& pkgs;
  Sink(Report& r, std::vector<Package>& p) : r(r), pkgs(p) {}
  void add(Finding f) override { r.add(std::move(f)); }
  void add_package(Package p) override { pkgs.push_back(std::move(p)); }
};

std::string kw_of(const std::string& created_by, std::string* rest) {
  std::string s = created_by;
  auto strip = [&](const std::string& p) {
    if (s.rfind(p, 0) == 0) {
      s = s.substr(p.size());
      return true;
    }
    return false;
  };
  if (s.rfind("|", 0) == 0) {  // build args then the command
    auto i = s.find("/bin/sh -c ");
    if (i != std::string::npos) s = s.substr(i);
  }
  if (strip("/bin/sh -c #(nop) ")) {
    while (!s.empty() && s[0] == ' ') s.erase(0, 1);
  } else if (strip("/bin/sh -c ")) {
    *rest = s;
    return "RUN";
  }
  auto sp = s.find(' ');
  std::string kw = s.substr(0, sp);
  *rest = sp == std::string::npos ? "" : s.substr(sp + 1);
  if (kw == "RUN" && rest->rfind("/bin/sh -c ", 0) == 0) *rest = rest->substr(11);
  auto bk = rest->rfind(" # buildkit");
  if (bk != std::string::npos) rest->erase(bk);
  return kw;
}

std::string squash(std::string_view s) {
  std::string o;
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
      sp = true;
      continue;
    }
    if (sp && !o.empty()) o += ' ';
    sp = false;
    o += c;
  }
  return o;
}

}  // namespace

void match_dockerfile(ImageModel& m, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the Dockerfile");
  std::stringstream ss;
  ss << in.rdbuf();
  auto df = dockerfile::parse(ss.str(), path);
  const dockerfile::Stage* st = df.final_stage();
  if (!st) return;
  std::vector<const dockerfile::Instruction*> ins;
  for (size_t i : st->instructions) {
    const auto& x = df.instructions[i];
    if (x.keyword != "FROM") ins.push_back(&x);
  }
  long j = long(ins.size()) - 1;
  for (long h = long(m.history.size()) - 1; h >= 0 && j >= 0; --h) {
    std::string rest;
    std::string kw = kw_of(m.history[size_t(h)].created_by, &rest);
    long k = j;
    while (k >= 0 && ins[size_t(k)]->keyword != kw) --k;
    if (k < 0) break;  // the base image's history
    const auto* x = ins[size_t(k)];
    if (kw == "RUN" && squash(rest).find(squash(x->args_text).substr(0, 40)) == std::string::npos) break;
    j = k - 1;
    int li = m.history[size_t(h)].layer;
    if (li >= 0) {
      Layer& L = m.layers[size_t(li)];
      L.dockerfile_line = x->range.begin.line;
      std::string text = x->keyword + " " + squash(x->args_text);
      if (text.size() > 50) text = text.substr(0, 47) + "...";
      L.dockerfile_text = secrets::mask(text);
    }
  }
}

namespace {

using Walker = std::function<WalkedImage(std::vector<std::unique_ptr<Analyzer>>&, FindingSink&, const Prepare&)>;

Analysis analyze_with(const Walker& walker, const Options& opt, const CoreSettings* config) {
  Analysis a;
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  for (auto& info : image::analyzers()) analyzers.push_back(info.make());
  Report report(config);
  Sink sink(report, a.packages);
  WalkedImage w = walker(analyzers, sink, [&](ImageModel& m) {
    if (!opt.dockerfile.empty()) {
      match_dockerfile(m, opt.dockerfile);
      m.dockerfile = opt.dockerfile;
    }
  });
  a.walk = std::move(w.walk);
  a.model = std::move(w.model);
  a.model.options = nullptr;
  for (auto& is : a.walk.issues) {
    const char* rule = is.kind == LayerIssue::digest_mismatch ? kDigestMismatch
                       : (is.kind == LayerIssue::unreadable || is.kind == LayerIssue::bomb) ? kLayerUnreadable
                                                                                             : kUnsafeEntry;
    Finding f = image_finding(a.model, rule, is.layer, is.kind == LayerIssue::unsafe_path || is.kind == LayerIssue::missing_link_target ? is.detail : "");
    switch (is.kind) {
      case LayerIssue::digest_mismatch: f.message = layer_label(a.model, is.layer) + ": " + is.detail; break;
      case LayerIssue::unreadable: f.message = layer_label(a.model, is.layer) + " cannot be read: " + is.detail; break;
      case LayerIssue::bomb: f.message = layer_label(a.model, is.layer) + " stopped: " + is.detail; break;
      case LayerIssue::unsafe_path:
        f.message = layer_label(a.model, is.layer) +
                    (is.detail.find("(nested deeper than") != std::string::npos
                         ? " has an entry " + is.detail + ", not followed"
                         : " has an entry named " + is.detail + " (outside the root or absolute)");
        break;
      case LayerIssue::missing_link_target: f.message = layer_label(a.model, is.layer) + " has a hard link to a missing file: " + is.detail; break;
    }
    f.evidence = is.detail;
    report.add(std::move(f));
  }
  a.findings = std::move(report.findings());
  a.base = identify_base(a.model, a.walk.fs.get()).name;
  return a;
}

}  // namespace

Analysis analyze(const std::string& source, const Options& opt, const CoreSettings* config) {
  return analyze_with([&](auto& analyzers, FindingSink& sink, const Prepare& prep) {
    return open_and_walk(source, opt, analyzers, sink, prep);
  }, opt, config);
}

Analysis analyze_export(const std::string& name, const std::function<void(const ByteSink&)>& produce,
                        const Options& opt, const CoreSettings* config) {
  return analyze_with([&](auto& analyzers, FindingSink& sink, const Prepare& prep) {
    return walk_export(name, produce, opt, analyzers, sink, prep);
  }, opt, config);
}

namespace {

// The redacted value a secret finding shows ("API_TOKEN=ghp_****Cb7A" ->
// "ghp_****Cb7A"): every domain redacts with the one secrets::mask, so the
// same value reads the same in a Dockerfile finding and an image finding.
std::string redacted_value(const std::string& evidence) {
  size_t s = evidence.find_last_of("= ");
  std::string v = s == std::string::npos ? evidence : evidence.substr(s + 1);
  return v.size() >= 8 && v.find("****") != std::string::npos ? v : "";
}

// Image rules that judge the very incident a Dockerfile rule judges on the
// line that made the layer.
constexpr std::pair<std::string_view, std::string_view> kSameIncident[] = {
    {"DD4403", "DD2020"},  // build tools in the runtime image / in the single-stage build
};

}  // namespace

void merge_findings(std::vector<Finding>& project, std::vector<Finding> image_findings) {
  const size_t n = project.size();
  auto has_tag = [](const Finding& p, const std::string& tag) {
    return std::find(p.tags.begin(), p.tags.end(), tag) != p.tags.end();
  };
  // Folds image finding f into project finding p ("confirmed in the image").
  auto fold = [&](Finding& p, const Finding& f) {
    const bool first = !has_tag(p, "image:" + f.rule);
    p.message += first ? " (confirmed in the image " + f.location.image + ": " + f.message + ")"
                       : " (also: " + f.message + ")";
    if (first) p.tags.push_back("image:" + f.rule);
    if (p.severity < f.severity) p.severity = f.severity;
  };
  for (auto& f : image_findings) {
    Finding* same = nullptr;
    // A secret value the Dockerfile sets (ENV, ARG default) that the image
    // carries in Env or history: one leak, however many places show it.
    if (std::string v = f.category == Category::secret_leak ? redacted_value(f.evidence) : ""; !v.empty()) {
      for (size_t i = 0; i < n && !same; ++i) {
        Finding& p = project[i];
        if (p.category == f.category && !p.location.file.empty() && p.location.image.empty() &&
            p.evidence.find(v) != std::string::npos)
          same = &p;
      }
      if (same) {
        fold(*same, f);
        continue;
      }
    }
    for (size_t i = 0; i < n && !same; ++i) {
      Finding& p = project[i];
      if (f.location.line > 0 && p.location.file == f.location.file && p.location.line == f.location.line &&
          p.location.image.empty() &&
          std::any_of(std::begin(kSameIncident), std::end(kSameIncident),
                      [&](const auto& x) { return x.first == f.rule && x.second == p.rule; })) {
        same = &p;
        break;
      }
      if (p.category != f.category || p.location.file.empty() || !p.location.image.empty()) continue;
      if (f.location.line > 0) {
        // A secret the Dockerfile line puts in and the layer of that line
        // holds is one leak. Size findings of one line are distinct
        // incidents (caches vs build tools): they stay apart.
        if (f.category == Category::secret_leak && p.location.file == f.location.file && p.location.line == f.location.line) same = &p;
      } else if (f.location.path.empty() && f.location.layer.empty() &&
                 (f.location.file.empty() || p.location.file == f.location.file)) {
        // Config-level incidents (root user, health check, daemonizing CMD).
        static const Category config_level[] = {Category::runs_as_root, Category::no_healthcheck, Category::exits_immediately};
        for (Category c : config_level)
          if (c == f.category) same = &p;
      }
    }
    // One image finding per project finding and rule, here.
    if (same && !has_tag(*same, "image:" + f.rule)) fold(*same, f);
    else project.push_back(std::move(f));
  }
}

json largest(const FsView& fs, size_t n) {
  std::vector<std::pair<uint64_t, std::string>> files;  // a min-heap of the n largest
  std::map<std::string, uint64_t, std::less<>> dirs;
  auto by_size = [](const auto& a, const auto& b) { return a.first > b.first; };
  fs.for_each("/", [&](const std::string& p, const FileStat& st) {
    if (st.type != FileType::regular || st.size == 0) return;
    if (files.size() < n || st.size > files.front().first) {
      files.emplace_back(st.size, p);
      std::push_heap(files.begin(), files.end(), by_size);
      if (files.size() > n) {
        std::pop_heap(files.begin(), files.end(), by_size);
        files.pop_back();
      }
    }
    for (size_t s = p.find('/', 1); s != std::string::npos; s = p.find('/', s + 1)) {
      std::string_view d(p.data(), s);
      auto it = dirs.find(d);
      if (it == dirs.end()) it = dirs.emplace(std::string(d), 0).first;
      it->second += st.size;
    }
  });
  std::sort(files.begin(), files.end(), by_size);
  json jf = json::array();
  for (auto& [sz, p] : files) {
    auto st = fs.stat(p);
    jf.push_back({{"path", p}, {"size", sz}, {"layer", st ? st->layer : -1}});
  }
  // A folder whose one subfolder holds 90% of it says no more than that
  // subfolder: the chain /usr, /usr/lib, /usr/lib/x86_64-linux-gnu shows
  // as its deepest telling folder.
  std::map<std::string, uint64_t, std::less<>> biggest_child;
  for (auto& [d, sz] : dirs) {
    size_t s = d.rfind('/');
    if (s > 0) {
      auto& b = biggest_child[d.substr(0, s)];
      b = std::max(b, sz);
    }
  }
  std::vector<std::pair<uint64_t, std::string>> ds;
  for (auto& [d, sz] : dirs) {
    auto b = biggest_child.find(d);
    if (b != biggest_child.end() && b->second * 10 >= sz * 9) continue;
    ds.emplace_back(sz, d);
  }
  std::sort(ds.begin(), ds.end(), by_size);
  if (ds.size() > n) ds.resize(n);
  json jd = json::array();
  for (auto& [sz, d] : ds) jd.push_back({{"path", d}, {"size", sz}});
  return {{"files", jf}, {"dirs", jd}};
}

json size_tree(const FsView& fs, size_t max_children) {
  // Sizes per directory in one pass (paths come sorted).
  struct D {
    uint64_t size = 0;
    std::map<std::string, uint64_t> files;
    std::map<std::string, std::unique_ptr<D>> dirs;
  };
  D root;
  fs.for_each("/", [&](const std::string& p, const FileStat& st) {
    D* d = &root;
    size_t i = 1;
    uint64_t sz = st.type == FileType::regular ? st.size : 0;
    root.size += sz;
    while (true) {
      size_t j = p.find('/', i);
      std::string comp = p.substr(i, j == std::string::npos ? std::string::npos : j - i);
      if (j == std::string::npos) {
        if (st.type == FileType::dir) d->dirs.try_emplace(comp, std::make_unique<D>());
        else d->files[comp] = sz;
        break;
      }
      auto& nd = d->dirs[comp];
      if (!nd) nd = std::make_unique<D>();
      d = nd.get();
      d->size += sz;
      i = j + 1;
    }
  });
  std::function<json(const std::string&, const D&, int)> emit = [&](const std::string& name, const D& d, int depth) {
    json j = {{"n", name}, {"s", d.size}};
    std::vector<std::pair<uint64_t, json>> kids;
    for (auto& [n, sub] : d.dirs) kids.push_back({sub->size, depth < 12 ? emit(n, *sub, depth + 1) : json{{"n", n}, {"s", sub->size}}});
    for (auto& [n, s] : d.files) kids.push_back({s, json{{"n", n}, {"s", s}, {"f", 1}}});
    std::stable_sort(kids.begin(), kids.end(), [](auto& a, auto& b) { return a.first > b.first; });
    json c = json::array();
    uint64_t rest = 0;
    size_t folded = 0;
    for (size_t i = 0; i < kids.size(); ++i) {
      if (i < max_children) c.push_back(std::move(kids[i].second));
      else rest += kids[i].first, ++folded;
    }
    if (folded) c.push_back({{"n", "(" + std::to_string(folded) + " more)"}, {"s", rest}, {"f", 1}});
    if (!c.empty()) j["c"] = std::move(c);
    return j;
  };
  return emit("/", root, 0);
}

namespace {

// The "image" section of the JSON: what the image is (diff shows it alone).
json image_json(const Analysis& a) {
  const ImageModel& m = a.model;
  return {{"source", m.source},
          {"name", m.name},
          {"id", m.id},
          {"platform", m.config.platform.str()},
          {"created", m.config.created},
          {"user", m.config.user},
          {"base", a.base}};
}

}  // namespace

json to_json(const Analysis& a) {
  const ImageModel& m = a.model;
  json layers = json::array();
  for (auto& L : m.layers) {
    json l = {{"index", L.index},
              {"digest", L.digest},
              {"diff_id", L.diff_id},
              {"media_type", L.media_type},
              {"size", L.changes.bytes},
              {"compressed_size", L.compressed_size},
              {"tar_size", L.uncompressed_size},
              {"created_by", secrets::mask(L.created_by)},
              {"files", L.changes.files},
              {"added", L.changes.added},
              {"changed", L.changes.changed},
              {"deleted", L.changes.deleted},
              {"wasted_bytes", L.changes.wasted_bytes},
              {"digest_ok", L.digest_ok}};
    if (L.dockerfile_line) l["dockerfile_line"] = L.dockerfile_line;
    if (!L.error.empty()) l["error"] = L.error;
    layers.push_back(l);
  }
  json pk = json::array();
  for (auto& p : a.packages)
    pk.push_back({{"type", p.type}, {"name", p.name}, {"version", p.version}, {"source_name", p.source_name},
                  {"source_version", p.source_version}, {"license", p.license}, {"purl", p.purl}, {"path", p.path},
                  {"layer", p.layer}});
  return {{"image", image_json(a)},
          {"layers", layers},
          {"packages", pk},
          {"largest", a.walk.fs ? largest(*a.walk.fs) : json::object()},
          {"totals",
           {{"bytes", a.walk.total_bytes},
            {"final_bytes", a.walk.final_bytes},
            {"wasted_bytes", a.walk.wasted_bytes},
            {"efficiency", double(int(a.walk.efficiency * 10000)) / 10000}}}};
}

std::string to_text(const Analysis& a) {
  const ImageModel& m = a.model;
  std::ostringstream o;
  o << "Image " << (m.name.empty() ? m.source : m.name) << "  " << m.config.platform.str() << "  " << m.id.substr(0, 19)
    << "\n";
  o << "  " << m.layers.size() << " layers, " << human_bytes(a.walk.final_bytes) << " in the final filesystem, "
    << human_bytes(a.walk.wasted_bytes) << " wasted, efficiency " << int(a.walk.efficiency * 1000) / 10.0 << "%";
  if (!a.base.empty()) o << ", base " << a.base;
  o << "\n\n";
  o << "  #   size       wasted     files  command\n";
  for (auto& L : m.layers) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  %-3d %-10s %-10s %6llu  ", L.index + 1, human_bytes(L.changes.bytes).c_str(),
                  L.changes.wasted_bytes ? human_bytes(L.changes.wasted_bytes).c_str() : "-",
                  (unsigned long long)L.changes.files);
    std::string cmd = L.dockerfile_line ? "line " + std::to_string(L.dockerfile_line) + " " + L.dockerfile_text
                                        : secrets::mask(short_command(L.created_by, 60));
    o << buf << cmd << "\n";
  }
  if (a.walk.fs) {
    json big = largest(*a.walk.fs, 5);
    auto list = [&](const char* title, const json& rows) {
      if (rows.empty()) return;
      o << "\n  " << title << "\n";
      for (auto& r : rows) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "  %-10s ", human_bytes(r["size"].get<uint64_t>()).c_str());
        o << buf << r["path"].get<std::string>();
        if (r.contains("layer") && r["layer"].get<int>() >= 0) o << "  (layer " << r["layer"].get<int>() + 1 << ")";
        o << "\n";
      }
    };
    list("largest files", big["files"]);
    list("largest folders", big["dirs"]);
  }
  return o.str();
}

json diff_json(const Analysis& a, const Analysis& b) {
  json d;
  d["a"] = image_json(a);
  d["b"] = image_json(b);
  // Layers shared (same diff_id) and own.
  std::map<std::string, int> in_a;
  for (auto& L : a.model.layers) in_a[L.diff_id.empty() ? L.digest : L.diff_id] = L.index;
  json shared = json::array(), only_b = json::array(), only_a = json::array();
  std::map<std::string, int> in_b;
  for (auto& L : b.model.layers) {
    std::string k = L.diff_id.empty() ? L.digest : L.diff_id;
    in_b[k] = L.index;
    json l = {{"index", L.index}, {"size", L.changes.bytes}, {"created_by", secrets::mask(short_command(L.created_by))}};
    (in_a.count(k) ? shared : only_b).push_back(l);
  }
  for (auto& L : a.model.layers)
    if (!in_b.count(L.diff_id.empty() ? L.digest : L.diff_id))
      only_a.push_back({{"index", L.index}, {"size", L.changes.bytes}, {"created_by", secrets::mask(short_command(L.created_by))}});
  d["layers"] = {{"shared", shared}, {"only_a", only_a}, {"only_b", only_b}};
  // Files.
  const auto& fa = a.walk.fs->nodes;
  const auto& fb = b.walk.fs->nodes;
  json added = json::array(), removed = json::array(), changed = json::array();
  std::map<std::string, int64_t> folder;  // top two levels
  auto top = [](const std::string& p) {
    size_t i = p.find('/', 1);
    if (i == std::string::npos) return std::string("/");
    size_t j = p.find('/', i + 1);
    return j == std::string::npos ? p.substr(0, i) : p.substr(0, j);
  };
  uint64_t n_added = 0, n_removed = 0, n_changed = 0;
  auto ia = fa.begin();
  auto ib = fb.begin();
  auto reg = [](const MergedFs::Node& n) { return n.st.type == FileType::regular ? int64_t(n.st.size) : 0; };
  while (ia != fa.end() || ib != fb.end()) {
    int c = ia == fa.end() ? 1 : ib == fb.end() ? -1 : ia->first.compare(ib->first);
    if (c < 0) {
      if (ia->second.st.type != FileType::dir && n_removed++ < 200) removed.push_back({{"path", ia->first}, {"size", reg(ia->second)}});
      folder[top(ia->first)] -= reg(ia->second);
      ++ia;
    } else if (c > 0) {
      if (ib->second.st.type != FileType::dir && n_added++ < 200) added.push_back({{"path", ib->first}, {"size", reg(ib->second)}});
      folder[top(ib->first)] += reg(ib->second);
      ++ib;
    } else {
      const auto &x = ia->second.st, &y = ib->second.st;
      bool diff = x.type != y.type || x.size != y.size || x.mode != y.mode || x.link_target != y.link_target;
      // Same size from a different layer that is not shared: changed contents likely.
      if (!diff && x.type == FileType::regular) {
        auto ka = a.model.layers[size_t(x.layer)].diff_id, kb2 = b.model.layers[size_t(y.layer)].diff_id;
        diff = ka != kb2;
      }
      if (diff && x.type != FileType::dir) {
        if (n_changed++ < 200) changed.push_back({{"path", ia->first}, {"size_a", reg(ia->second)}, {"size_b", reg(ib->second)}});
        folder[top(ia->first)] += reg(ib->second) - reg(ia->second);
      }
      ++ia, ++ib;
    }
  }
  json folders = json::array();
  std::vector<std::pair<std::string, int64_t>> fv(folder.begin(), folder.end());
  std::sort(fv.begin(), fv.end(), [](auto& x, auto& y) { return std::llabs(x.second) > std::llabs(y.second); });
  for (auto& [p, v] : fv)
    if (v != 0 && folders.size() < 30) folders.push_back({{"path", p}, {"delta", v}});
  d["folders"] = folders;
  d["files"] = {{"added", added}, {"removed", removed}, {"changed", changed},
                {"counts", {{"added", n_added}, {"removed", n_removed}, {"changed", n_changed}}}};
  // Packages.
  std::map<std::string, std::string> pa, pb;
  for (auto& p : a.packages) pa[p.type + ":" + p.name] = p.version;
  for (auto& p : b.packages) pb[p.type + ":" + p.name] = p.version;
  json padd = json::array(), prem = json::array(), pup = json::array();
  for (auto& [k, v] : pb) {
    auto it = pa.find(k);
    if (it == pa.end()) padd.push_back({{"name", k}, {"version", v}});
    else if (it->second != v) pup.push_back({{"name", k}, {"from", it->second}, {"to", v}});
  }
  for (auto& [k, v] : pa)
    if (!pb.count(k)) prem.push_back({{"name", k}, {"version", v}});
  d["packages"] = {{"added", padd}, {"removed", prem}, {"changed", pup}};
  d["size"] = {{"a", a.walk.final_bytes}, {"b", b.walk.final_bytes},
               {"delta", int64_t(b.walk.final_bytes) - int64_t(a.walk.final_bytes)}};
  return d;
}

std::string diff_text(const json& d) {
  std::ostringstream o;
  int64_t delta = d["size"]["delta"].get<int64_t>();
  o << "A " << d["a"]["name"].get<std::string>() << " (" << human_bytes(d["size"]["a"].get<uint64_t>()) << ")  ->  B "
    << d["b"]["name"].get<std::string>() << " (" << human_bytes(d["size"]["b"].get<uint64_t>()) << "): "
    << (delta >= 0 ? "+" : "-") << human_bytes(uint64_t(std::llabs(delta))) << "\n\n";
  o << "Layers: " << d["layers"]["shared"].size() << " shared, " << d["layers"]["only_a"].size() << " only in A, "
    << d["layers"]["only_b"].size() << " only in B\n";
  for (auto& l : d["layers"]["only_b"])
    o << "  + " << human_bytes(l["size"].get<uint64_t>()) << "  " << l["created_by"].get<std::string>() << "\n";
  for (auto& l : d["layers"]["only_a"])
    o << "  - " << human_bytes(l["size"].get<uint64_t>()) << "  " << l["created_by"].get<std::string>() << "\n";
  o << "\nBytes per folder:\n";
  for (auto& f : d["folders"]) {
    int64_t v = f["delta"].get<int64_t>();
    o << "  " << (v >= 0 ? "+" : "-") << human_bytes(uint64_t(std::llabs(v))) << "  " << f["path"].get<std::string>() << "\n";
  }
  auto& c = d["files"]["counts"];
  o << "\nFiles: " << c["added"] << " added, " << c["removed"] << " removed, " << c["changed"] << " changed\n";
  int shown = 0;
  for (auto& f : d["files"]["added"])
    if (shown++ < 10) o << "  + " << f["path"].get<std::string>() << " (" << human_bytes(f["size"].get<uint64_t>()) << ")\n";
  shown = 0;
  for (auto& f : d["files"]["removed"])
    if (shown++ < 10) o << "  - " << f["path"].get<std::string>() << "\n";
  shown = 0;
  for (auto& f : d["files"]["changed"])
    if (shown++ < 10) o << "  ~ " << f["path"].get<std::string>() << "\n";
  auto& p = d["packages"];
  o << "\nPackages: " << p["added"].size() << " added, " << p["removed"].size() << " removed, " << p["changed"].size()
    << " upgraded\n";
  for (auto& x : p["changed"])
    o << "  ~ " << x["name"].get<std::string>() << " " << x["from"].get<std::string>() << " -> " << x["to"].get<std::string>() << "\n";
  for (auto& x : p["added"]) o << "  + " << x["name"].get<std::string>() << " " << x["version"].get<std::string>() << "\n";
  for (auto& x : p["removed"]) o << "  - " << x["name"].get<std::string>() << " " << x["version"].get<std::string>() << "\n";
  return o.str();
}

}  // namespace dd::image
