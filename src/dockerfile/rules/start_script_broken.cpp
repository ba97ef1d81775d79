// DD2013: the start script cannot run: Windows line endings, no execute
// permission, no shebang line, or a shebang interpreter the base image lacks.
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

// "bash" from "#!/bin/bash -e" or "#!/usr/bin/env bash".
std::string interpreter(std::string_view first_line) {
  if (!first_line.starts_with("#!")) return {};
  std::vector<std::string> w;
  for (const auto& word : shell::parse(first_line.substr(2)).commands)
    for (const auto& x : word.argv) w.push_back(x.value);
  if (w.empty()) return {};
  std::string prog(ctxrule::base_name(w[0]));
  if (prog == "env"sv && w.size() > 1) {
    size_t k = 1;
    while (k < w.size() && w[k].starts_with("-")) ++k;
    return k < w.size() ? w[k] : std::string();
  }
  return prog;
}

class StartScriptBroken : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& s = startscript::find(in);
    if (!s) return;
    std::string name = startscript::label(*s);
    const auto& chain = inc::final_chain(in);
    const auto& all = inc::final_instructions(in);
    std::string later_runs;  // RUN text after the COPY of the script
    bool after = false;
    for (const Instruction* i : all) {
      if (i == s->copy) after = true;
      else if (after && i->kind == Kw::RUN) later_runs += inc::run_text(*i) + "\n";
    }
    std::string_view text = s->text;
    std::string_view first = text.substr(0, text.find('\n'));
    auto report = [&](std::string message, std::string cause, std::string fix, Category cat = Category::crash_loop) {
      Finding f = in.at(s->where, s->start->keyword + " runs " + name + ", which " + message);
      std::string line(first.substr(0, 120));
      if (!line.empty() && line.back() == '\r') line = line.substr(0, line.size() - 1) + "\\r";
      f.evidence = inc::safe(name + ":1: " + line);
      f.root_cause = std::move(cause);
      f.fix = std::move(fix);
      f.category = cat;
      out.add(info_, std::move(f));
    };
    bool crlf = text.find("\r\n") != std::string_view::npos;
    bool fixes_crlf = text::contains(later_runs, "dos2unix") || text::contains(later_runs, "\\r$//") ||
                      text::contains(later_runs, "\\r//");
    if (crlf && !fixes_crlf) {
      report("has Windows (CRLF) line endings",
             s->direct ? "The kernel reads the interpreter as '" + interpreter(first) +
                             "\\r', which does not exist: the container fails with 'no such file or directory' "
                             "(exit 127) although the file is there."
                       : "The shell sees a carriage return at the end of every line: commands fail with "
                         "\"$'\\r': command not found\" and the container exits.",
             "convert it to LF (`*.sh text eol=lf` in .gitattributes), or RUN sed -i 's/\\r$//' " + s->image_path);
    }
    if (!s->direct) return;
    if (s->kernel_exec && !first.starts_with("#!")) {
      report("has no #! line",
             "An exec-form start command asks the kernel to run the file itself; without an interpreter line it "
             "fails with 'exec format error' and the container never starts.",
             "make #!/bin/sh the first line of " + name + ", or start it with [\"sh\", \"" + s->image_path + "\"]");
    }
    if (!s->executable) {
      bool heredoc = s->context_path.empty();
      report("is not executable" + std::string(heredoc ? " (COPY <<EOF writes files with mode 0644)" : ""),
             "The file lacks the execute bit in the image, so starting it fails with 'permission denied' "
             "(exit 126) on every start.",
             heredoc ? "COPY --chmod=755 <<EOF " + s->image_path
                     : "COPY --chmod=755 " + s->context_path + " " + s->image_path + "   (or git update-index "
                                                                                   "--chmod=+x " + s->context_path + ")");
    }
    // A shebang interpreter the base image does not have.
    std::string interp = interpreter(first);
    if (interp.empty() || crlf) return;
    kb::ImageRef base = inc::chain_base(chain);
    bool distroless = inc::is_distroless(base) && !text::contains(base.tag, "debug");
    bool minimal = inc::is_alpine_like(base);
    bool missing = false;
    if (distroless || inc::is_scratch(base)) missing = true;
    else if (minimal && interp == "bash"sv)
      missing = !(text::contains(later_runs + all_runs(all), "add") && text::contains(all_runs(all), "bash"));
    if (missing)
      report("needs " + interp + ", but " + (base.path.empty() ? "the base" : base.path + ":" + base.tag) +
                 " does not ship it",
             "The kernel cannot find the interpreter named on the #! line, so the container fails with 'no such "
             "file or directory' (exit 127) although the script is there.",
             distroless || inc::is_scratch(base)
                 ? "run the program itself in exec form (a distroless image has no shell)"
                 : "#!/bin/sh in " + name + " (busybox ash), or RUN apk add --no-cache bash",
             Category::missing_dependency);
  }

 private:
  static std::string all_runs(const std::vector<const Instruction*>& all) {
    std::string t;
    for (const Instruction* i : all)
      if (i->kind == Kw::RUN) t += inc::run_text(*i) + "\n";
    return t;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2013",
      .name = "start-script-broken",
      .category = Category::crash_loop,
      .severity = Severity::error,
      .summary = "Start script cannot run (CRLF, no execute bit, no #!, missing interpreter)",
      .rationale = "A start script checked out on Windows, copied without its execute bit, written without a #! "
                   "line or asking for bash on alpine makes every start fail with 'no such file or directory', "
                   "'permission denied' or 'exec format error'.",
      .fix = "COPY --chmod=755 start.sh /app/start.sh, with #!/bin/sh as its first line and LF line endings",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(StartScriptBroken)

}  // namespace
}  // namespace dd::dockerfile
