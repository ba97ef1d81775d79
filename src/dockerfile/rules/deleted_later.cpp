// DD2026: files created in one layer and deleted in a later one still ship.
#include "dockerfile/rule.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/secret_files.h"
#include "dockerfile/stages.h"

namespace dd::dockerfile {
namespace {

std::string normalize(std::string p, const std::string& workdir) {
  if (p.empty()) return p;
  if (p.front() != '/') p = (workdir.empty() || workdir == "/"sv ? "/" : workdir + "/") + p;
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '/' && !out.empty() && out.back() == '/') continue;
    if (p.compare(i, 2, "./") == 0 && (out.empty() || out.back() == '/')) {
      ++i;
      continue;
    }
    out += p[i];
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

struct Created {
  std::string path;
  int line = 0;
  std::string how;
};

class DeletedLater : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const StageGraph& graph = stage_graph(in);
    std::vector<Created> created;
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind == Kw::FROM || ins->kind == Kw::WORKDIR) continue;
      const std::string workdir = graph.workdir(in, *ins);  // the stage graph's answer
      if (ins->kind == Kw::COPY || ins->kind == Kw::ADD) {
        auto srcs = inc::copy_sources(*ins);
        if (srcs.empty()) continue;
        std::string dest = ins->args.back().text;
        bool dir = dest.ends_with("/") || srcs.size() > 1 || dest == "."sv ;
        for (const Arg* s : srcs) {
          if (s->text == "."sv || s->text == "./"sv || inc::is_secret_file(s->text)) continue;
          std::string_view name = text::basename(s->text);
          if (name.find('*') != std::string::npos) continue;
          std::string p = dir ? normalize(dest, workdir) + "/" + std::string(name) : normalize(dest, workdir);
          if (created.size() < 512) created.push_back({normalize(p, "/"), ins->range.begin.line, ins->keyword + " " + s->text});
        }
        continue;
      }
      if (ins->kind != Kw::RUN) continue;
      // In order: what this RUN fetches or unpacks, and what it deletes. A
      // file it deletes itself never reaches its layer; one from an earlier
      // layer still ships.
      std::vector<Created> mine;
      const auto mounts = mount_targets(*ins, workdir);
      for (const auto& c : instruction_commands(in, *ins)) {
        size_t p = c.exe;
        if (p >= c.argv.size()) continue;
        std::string_view prog = text::basename(c.argv[p]);
        if (prog == "rm"sv) {
          for (size_t i = p + 1; i < c.argv.size(); ++i) {
            if (c.argv[i].empty() || c.argv[i][0] == '-') continue;
            std::string target = normalize(c.argv[i], workdir);
            auto under = [&](const Created& cr) { return cr.path == target || cr.path.rfind(target + "/", 0) == 0; };
            std::erase_if(mine, under);
            for (auto it = created.begin(); it != created.end(); ++it) {
              if (!under(*it)) continue;
              report(in, *ins, c.range(i), *it, out);
              created.erase(it);  // reported once
              break;
            }
          }
          continue;
        }
        for (auto& made : made_by(c, p, workdir)) {
          if (made.empty() || made == "/"sv || mounted(made, mounts) || mine.size() + created.size() >= 512) continue;
          mine.push_back({made, ins->range.begin.line,
                          "RUN " + std::string(prog) + (is_unpack(prog) ? " unpacks into it" : "")});
        }
      }
      created.insert(created.end(), mine.begin(), mine.end());
    }
  }

 private:
  static bool is_unpack(std::string_view prog) { return prog == "tar"sv || prog == "unzip"sv || prog == "bsdtar"sv; }

  // Files (or folders) that a download or an unpack command creates: curl -o
  // FILE / -O (the URL's name), wget -O FILE / the URL's name (in -P DIR),
  // tar x -C DIR, unzip -d DIR. Paths made absolute against the WORKDIR.
  static std::vector<std::string> made_by(const Cmd& c, size_t p, const std::string& workdir) {
    std::vector<std::string> out;
    std::string_view prog = text::basename(c.argv[p]);
    const auto& v = c.argv;
    auto value_of = [&](size_t& i, std::string_view shorts, std::initializer_list<std::string_view> longs,
                        std::string& to) {
      const std::string& a = v[i];
      for (auto l : longs) {
        if (a == l && i + 1 < v.size()) return to = v[++i], true;
        if (a.size() > l.size() && a.rfind(l, 0) == 0 && a[l.size()] == '=') return to = a.substr(l.size() + 1), true;
      }
      // Bundled short options: -fsSLo FILE, -qO- (attached value), -C/opt.
      // Letters before ours must be flags that take no value.
      if (a.size() >= 2 && a[0] == '-' && a[1] != '-') {
        for (size_t k = 1; k < a.size(); ++k) {
          if (shorts.find(a[k]) != std::string_view::npos) {
            if (k + 1 < a.size()) return to = a.substr(k + 1), true;
            if (i + 1 < v.size()) return to = v[++i], true;
            return false;
          }
          if (std::string_view("fsSLkvqiIgNnOJRxzjpc#").find(a[k]) == std::string_view::npos) return false;
        }
      }
      return false;
    };
    auto url_name = [](const std::string& u) {
      std::string n(text::basename(u.substr(0, u.find_first_of("?#"))));
      return n;
    };
    if (prog == "curl"sv || prog == "wget"sv) {
      bool curl = prog == "curl"sv;
      bool remote_name = !curl;
      std::string file, dir, url;
      for (size_t i = p + 1; i < v.size(); ++i) {
        std::string val;
        const std::string& a = v[i];
        if (curl && (a == "-O"sv || a == "--remote-name"sv || (a.size() > 2 && a[0] == '-' && a[1] != '-' &&
                                                              a.find('O') != std::string::npos && a.back() != 'o')))
          remote_name = true;
        if (curl ? value_of(i, "o", {"--output"}, val) : value_of(i, "O", {"--output-document"}, val)) {
          file = val;
          continue;
        }
        if (!curl && value_of(i, "P", {"--directory-prefix"}, val)) {
          dir = val;
          continue;
        }
        if (a.find("://") != std::string::npos && url.empty()) url = a;
      }
      if (!file.empty()) {
        if (file == "-"sv || file.rfind("/dev/", 0) == 0) return out;
        out.push_back(normalize(file, workdir));
      } else if (remote_name && !url.empty() && !url_name(url).empty() && url_name(url).find('$') == std::string::npos) {
        out.push_back(normalize((dir.empty() ? "" : dir + "/") + url_name(url), workdir));
      }
      return out;
    }
    if (prog == "tar"sv || prog == "bsdtar"sv) {
      bool extract = false;
      std::string dir;
      for (size_t i = p + 1; i < v.size(); ++i) {
        const std::string& a = v[i];
        if (a == "--extract"sv || a == "--get"sv || (i == p + 1 && a.find('x') != std::string::npos && a[0] != '/') ||
            (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('x') != std::string::npos))
          extract = true;
        std::string val;
        if (value_of(i, "C", {"--directory"}, val)) dir = val;
      }
      if (extract && !dir.empty()) out.push_back(normalize(dir, workdir));
      return out;
    }
    if (prog == "unzip"sv) {
      for (size_t i = p + 1; i + 1 < v.size(); ++i)
        if (v[i] == "-d"sv) out.push_back(normalize(v[i + 1], workdir));
      return out;
    }
    return out;
  }

  // Folders that a RUN --mount covers (tmpfs, cache, bind): what is written
  // there never reaches the layer.
  static std::vector<std::string> mount_targets(const Instruction& ins, const std::string& workdir) {
    std::vector<std::string> out;
    for (const auto& f : ins.flags) {
      if (f.name != "mount"sv) continue;
      for (std::string_view key : {"target=", "dst=", "destination="}) {
        size_t at = f.value.find(key);
        if (at == std::string::npos || (at > 0 && f.value[at - 1] != ',')) continue;
        std::string t = f.value.substr(at + key.size());
        out.push_back(normalize(t.substr(0, t.find(',')), workdir));
      }
    }
    return out;
  }
  static bool mounted(const std::string& path, const std::vector<std::string>& mounts) {
    for (const auto& m : mounts)
      if (path == m || path.rfind(m + "/", 0) == 0) return true;
    return false;
  }

  void report(const LintInput& in, const Instruction& ins, const Range& at, const Created& cr, Report& out) const {
    std::string name(text::basename(cr.path));
    Finding f = in.at(at, name + " is added on line " + std::to_string(cr.line) + " (" + cr.how +
                              ") and deleted on line " + std::to_string(ins.range.begin.line) +
                              ": its bytes stay in the layer of line " + std::to_string(cr.line));
    f.root_cause = "Each instruction is an immutable layer; deleting a file in a later layer only hides it.";
    if (cr.how.rfind("RUN", 0) == 0)
      f.fix = "Fetch, unpack, use and delete in the same RUN (RUN curl -fsSLo /tmp/" + name + " URL && ... && rm -rf /tmp/" +
              name + "), or fetch it in a build stage and COPY --from only the result";
    else
      f.fix = "RUN --mount=type=bind,source=" + name + ",target=/tmp/" + name + " ... instead of COPY, or delete it in "
              "the RUN that uses it";
    out.add(info_, std::move(f));
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2026",
      .name = "deleted-in-later-layer",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "File deleted in a later layer than the one that added it",
      .rationale = "COPY big.tar.gz then RUN rm big.tar.gz ships the archive anyway: the earlier layer still holds "
                   "every byte.",
      .fix = "RUN curl -fsSLO https://example.org/big.tar.gz && tar xzf big.tar.gz && rm big.tar.gz",
  });
};

DD_DOCKERFILE_RULE(DeletedLater)

}  // namespace
}  // namespace dd::dockerfile
