// DD1140: ShellCheck's findings on RUN scripts (opt in: --shellcheck or
// `shellcheck: true`), placed at their line and column in the Dockerfile.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/error.h"
#include "core/subprocess.h"
#include "dockerfile/command.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/words.h"
#include "dockerfile/stages.h"

namespace fs = std::filesystem;

namespace dd::dockerfile {
namespace {

// ShellCheck's -s dialect for a shell program; empty for shells it does not
// read (pwsh, cmd, zsh, python...).
std::string dialect_of(std::string_view shell) {
  if (shell == "sh" || shell == "dash" || shell == "ash" || shell == "busybox") return "sh";
  if (shell == "bash" || shell == "ksh") return std::string(shell);
  return {};
}

// The dialect of the shell a RUN runs in: the stage's SHELL, else /bin/sh.
std::string dialect(const LintInput& in, const Instruction& run) {
  std::string_view shell = "sh";
  // The SHELL in force, inherited through FROM <stage>.
  const Instruction* ins = stage_graph(in).shell_at(run);
  if (ins && ins->exec_form && !ins->args.empty()) shell = text::basename(ins->args.front().text);
  return dialect_of(shell);
}

bool identifier(std::string_view n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The byte offset in `text` of 1-based (line, column), columns counting
// characters (ShellCheck's json1 counts a tab as one).
size_t offset_of(std::string_view text, int line, int column) {
  size_t at = 0;
  for (int l = 1; l < line; ++l) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) return text.size();
    at = nl + 1;
  }
  for (int c = 1; c < column && at < text.size() && text[at] != '\n'; ++c) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;  // UTF-8 continuation
  }
  return at;
}

int lines(std::string_view text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// A folder of its own under $TMPDIR, removed with the object.
struct TempFolder {
  fs::path path;
  TempFolder() {
    const char* t = std::getenv("TMPDIR");
    std::string tmpl = std::string(t && *t ? t : "/tmp") + "/drydock-sc.XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw InputError("--shellcheck: cannot create a temporary folder in " + tmpl);
    path = tmpl;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// What ShellCheck reads for one RUN, and where its text came from: each
// segment maps [from, from + size) of `text` to offsets of script_text(ins),
// which Instruction::script_positions() places in the file.
struct Job {
  const Instruction* ins;
  std::string text;
  std::string dialect;
  struct Segment {
    size_t from, to, size;
  };
  std::vector<Segment> segments;

  void add(std::string_view s, size_t script_offset) {
    segments.push_back({text.size(), script_offset, s.size()});
    text += s;
  }
  size_t script_offset(size_t at) const {
    for (auto it = segments.rbegin(); it != segments.rend(); ++it)
      if (it->from <= at) return it->to + std::min(at - it->from, it->size);
    return 0;
  }
};

// The interpreter a heredoc body names on its #! line ("" when none).
std::string shebang(std::string_view body) {
  if (body.rfind("#!", 0) != 0) return {};
  std::string_view line = body.substr(2, body.find('\n') == std::string_view::npos ? std::string_view::npos : body.find('\n') - 2);
  std::vector<std::string_view> words;
  for (size_t b = 0; b < line.size();) {
    size_t e = line.find_first_of(" \t", b);
    if (e == std::string_view::npos) e = line.size();
    if (e > b) words.push_back(line.substr(b, e - b));
    b = e + 1;
  }
  if (words.empty()) return {};
  std::string prog(text::basename(words[0]));
  if (prog == "env" && words.size() > 1) prog = std::string(text::basename(words[1]));
  return prog;
}

// The scripts of a shell-form RUN. `RUN <<EOF` runs each body as the script
// (with its #! interpreter when it has one); `RUN cmd <<EOF` runs cmd with
// the bodies as here-documents, so the text gets their end lines back.
std::vector<Job> jobs_of(const LintInput& in, const Instruction& ins) {
  std::vector<Job> out;
  const std::string base = dialect(in, ins);
  bool only_markers = !ins.heredocs.empty();
  for (size_t b = 0; b < ins.args_text.size();) {
    size_t e = ins.args_text.find_first_of(" \t", b);
    if (e == std::string::npos) e = ins.args_text.size();
    if (e > b && ins.args_text.compare(b, 2, "<<") != 0) only_markers = false;
    b = e + 1;
  }
  if (only_markers) {
    size_t offset = ins.args_text.size();
    for (const auto& h : ins.heredocs) {
      Job j{&ins, {}, base, {}};
      std::string interp = shebang(h.body);
      if (!interp.empty()) j.dialect = dialect_of(interp);
      j.add(h.body, offset + 1);
      offset += 1 + h.body.size();
      if (!j.dialect.empty()) out.push_back(std::move(j));
    }
    return out;
  }
  if (base.empty()) return out;
  Job j{&ins, {}, base, {}};
  j.add(ins.args_text, 0);
  size_t offset = ins.args_text.size();
  for (const auto& h : ins.heredocs) {
    j.add("\n" + h.body, offset);
    offset += 1 + h.body.size();
    j.text += h.name;  // the end line, which script_text() leaves out
  }
  out.push_back(std::move(j));
  return out;
}

class ShellCheck : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.config.shellcheck) return;
    std::map<std::string, std::vector<Job>> by_dialect;
    for (const auto& each : in.df.instructions) {
      const Instruction* run = run_of(each);  // a RUN, or the RUN of ONBUILD RUN
      if (!run || run->exec_form) continue;
      for (auto& j : jobs_of(in, *run)) by_dialect[j.dialect].push_back(std::move(j));
    }
    if (by_dialect.empty()) return;
    if (!in_path("shellcheck"))
      throw InputError("--shellcheck: the shellcheck program is not installed (apt-get install shellcheck)");
    // Codes turned off in the config or on the command line (SC2086) are
    // never asked for; sourced files cannot be followed from here.
    std::string excluded = "SC1090,SC1091,SC2187";
    for (const auto& id : in.core.ignored)
      if (is_shellcheck_code(id)) excluded += "," + id;
    TempFolder dir;
    for (const auto& [d, jobs] : by_dialect) {
      std::vector<std::string> argv = {"shellcheck", "--norc", "-f", "json1", "-s", d, "-e", excluded};
      for (size_t k = 0; k < jobs.size(); ++k) {
        // A last line declares the variables ARG and ENV set, so ShellCheck
        // does not call them unassigned (it looks for an assignment anywhere
        // in the file); the script keeps its own line numbers and #! line.
        std::string declare;
        for (const auto& [name, value] : in.scope(*jobs[k].ins))
          if (identifier(name)) declare += " " + name;
        fs::path file = dir.path / (std::to_string(k) + ".sh");
        std::ofstream(file, std::ios::binary) << jobs[k].text << "\n" << (declare.empty() ? "" : "export" + declare + "\n");
        argv.push_back(file.string());
      }
      report(in, out, jobs, run_process(argv), dir.path);
    }
  }

 private:
  void report(const LintInput& in, Report& out, const std::vector<Job>& jobs, const ProcessResult& r,
              const fs::path& dir) const {
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    if (!j.is_object() || !j.contains("comments") || !j["comments"].is_array()) {
      if (r.status == 0 || r.status == 1) return;
      throw InputError("--shellcheck: shellcheck failed (exit " + std::to_string(r.status) + ")");
    }
    for (const auto& c : j["comments"]) {
      try {
        add(in, out, jobs, c, dir);
      } catch (const nlohmann::json::exception&) {
        // A comment of another shape (a newer ShellCheck): left out.
      }
    }
  }

  void add(const LintInput& in, Report& out, const std::vector<Job>& jobs, const nlohmann::json& c,
           const fs::path& dir) const {
    if (!c.is_object() || !c.value("file", nlohmann::json()).is_string()) return;
    fs::path file = c["file"].get<std::string>();
    if (file.parent_path() != dir) return;
    size_t k = static_cast<size_t>(std::strtoul(file.stem().c_str(), nullptr, 10));
    if (k >= jobs.size()) return;
    const auto& job = jobs[k];
    int line = c.value("line", 0), end_line = c.value("endLine", 0);
    if (line < 1 || line > lines(job.text)) return;  // the declaration line
    size_t b = job.script_offset(offset_of(job.text, line, c.value("column", 1)));
    size_t e = job.script_offset(offset_of(job.text, std::max(line, end_line), c.value("endColumn", 1)));
    if (e < b) e = b;
    const std::string code = "SC" + std::to_string(c.value("code", 0));
    const std::string level = c.value("level", "warning");
    Finding f = in.at(job.ins->script_positions().range(b, e), code + ": " + c.value("message", std::string()));
    f.severity = level == "error" ? Severity::error : level == "warning" ? Severity::warning : Severity::info;
    f.root_cause = "ShellCheck " + code + " on the RUN script (" + level + ").";
    f.fix = "https://www.shellcheck.net/wiki/" + code;
    f.tags = {code};
    out.add(info_, std::move(f));
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD1140",
      .name = "shellcheck",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "ShellCheck finding in a RUN script",
      .rationale = "RUN scripts are shell scripts: unquoted variables, a cd whose failure is ignored, or a "
                   "bashism under /bin/sh break the build or the image in ways the shell does not report. "
                   "Opt in with --shellcheck (hadolint runs ShellCheck always); each finding carries the "
                   "ShellCheck code, and `ignore: [SC2086]` or `# hadolint ignore=SC2086` turns one code off.",
      .fix = "RUN cd /app || exit 1; cp \"$SRC\" .",
  });
};

DD_DOCKERFILE_RULE(ShellCheck)

}  // namespace
}  // namespace dd::dockerfile
