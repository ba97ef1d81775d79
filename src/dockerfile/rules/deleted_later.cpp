// DD2026: files created in one layer and deleted in a later one still ship.
#include "dockerfile/rules/incident_util.h"
#include "dockerfile/rules/secret_files.h"

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
    std::string workdir = "/";
    std::vector<Created> created;
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind == Kw::FROM) continue;
      if (ins->kind == Kw::WORKDIR && !ins->args.empty()) {
        workdir = normalize(expand(ins->args.front().text, in.scope(*ins), in.df.escape).value, workdir);
        continue;
      }
      if (ins->kind == Kw::COPY || ins->kind == Kw::ADD) {
        auto srcs = inc::copy_sources(*ins);
        if (srcs.empty()) continue;
        std::string dest = ins->args.back().text;
        bool dir = dest.ends_with("/") || srcs.size() > 1 || dest == "."sv ;
        for (const Arg* s : srcs) {
          if (s->text == "."sv || s->text == "./"sv || inc::is_secret_file(s->text)) continue;
          std::string_view name = kb::basename(s->text);
          if (name.find('*') != std::string::npos) continue;
          std::string p = dir ? normalize(dest, workdir) + "/" + std::string(name) : normalize(dest, workdir);
          if (created.size() < 512) created.push_back({normalize(p, "/"), ins->range.begin.line, ins->keyword + " " + s->text});
        }
        continue;
      }
      if (ins->kind != Kw::RUN) continue;
      const auto& cmds = kb::commands(in, *ins);
      // Deletions of files from earlier layers (none to find before a file is created).
      for (const auto& c : cmds) {
        if (created.empty()) break;
        size_t p = kb::real_program(c.argv);
        if (p >= c.argv.size() || kb::basename(c.argv[p]) != "rm"sv) continue;
        for (size_t i = p + 1; i < c.argv.size(); ++i) {
          if (c.argv[i].empty() || c.argv[i][0] == '-') continue;
          std::string target = normalize(c.argv[i], workdir);
          for (const auto& cr : created) {
            if (cr.line == ins->range.begin.line) continue;
            bool hit = cr.path == target || cr.path.rfind(target + "/", 0) == 0;
            if (!hit) continue;
            Finding f = in.at(c.ranges[i], std::string(kb::basename(cr.path)) + " is added on line " + std::to_string(cr.line) +
                                               " (" + cr.how + ") and deleted on line " +
                                               std::to_string(ins->range.begin.line) +
                                               ": its bytes stay in the layer of line " + std::to_string(cr.line));
            f.root_cause = "Each instruction is an immutable layer; deleting a file in a later layer only hides it.";
            f.fix = "Fetch, use and delete in one RUN (RUN curl -fsSLO URL && tar xzf f.tgz && rm f.tgz), or use "
                    "RUN --mount=type=bind,source=" + std::string(kb::basename(cr.path)) + ",target=/tmp/" +
                    std::string(kb::basename(cr.path)) +
                    " instead of COPY";
            out.add(info_, std::move(f));
            break;
          }
        }
      }
      // Files this RUN downloads.
      for (const auto& c : cmds) {
        size_t p = kb::real_program(c.argv);
        if (p >= c.argv.size()) continue;
        std::string_view prog = kb::basename(c.argv[p]);
        if (prog != "wget"sv && prog != "curl"sv) continue;
        std::string file;
        for (size_t i = p + 1; i < c.argv.size(); ++i) {
          const std::string& a = c.argv[i];
          if ((a == "-O"sv || a == "-o"sv || a == "--output"sv || a == "--output-document"sv) && i + 1 < c.argv.size()) {
            file = c.argv[i + 1];
            break;
          }
          if (a.find("://") != std::string::npos && (prog == "wget"sv || c.argv.end() != std::find(c.argv.begin(), c.argv.end(), "-O")))
            file = kb::basename(a.substr(0, a.find('?')));
        }
        if (!file.empty() && file != "-"sv && file.rfind("/dev/", 0) != 0 && created.size() < 512)
          created.push_back({normalize(file, workdir), ins->range.begin.line, "RUN " + std::string(prog)});
      }
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2026",
      .name = "deleted-in-later-layer",
      .domain = Domain::dockerfile,
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
