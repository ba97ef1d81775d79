#include "lint/lint.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

#include "context/context.h"
#include "core/error.h"
#include "core/registry.h"
#include "core/report.h"
#include "dockerfile/parser.h"
#include "dockerfile/pragma.h"
#include "dockerfile/rule.h"

namespace fs = std::filesystem;

namespace dd::lint {
namespace {

const RuleInfo& parse_error_rule() {
  static const RuleInfo& r = dockerfile::Rules::add({
      .id = "DD0001",
      .name = "parse-error",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "Dockerfile syntax error",
      .rationale = "BuildKit refuses the file or builds something other than what was meant, so the image never ships "
                   "or ships broken. Correct the instruction at the reported position; the rest of the file is still "
                   "checked.",
      // No fix text: a parse error has no one pasteable correction (prose is not a fix).
      .aliases = {"DL1000"},
      .tags = {"syntax"},
  });
  return r;
}
// Registered at start-up so `drydock rules` and config aliases know it.
[[maybe_unused]] const RuleInfo& kParseErrorRule = parse_error_rule();

const RuleInfo& not_dockerfile_rule() {
  static const RuleInfo& r = dockerfile::Rules::add({
      .id = "DD0002",
      .name = "not-a-dockerfile",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "The file is not a Dockerfile",
      .rationale = "A file that is not a Dockerfile (a template that generates one, a script, a README) cannot be "
                   "built; one line per unparsable line would only hide that.",
      .fix = "Lint the Dockerfiles the template generates, or pass the right file.",
      .tags = {"syntax"},
  });
  return r;
}
[[maybe_unused]] const RuleInfo& kNotDockerfileRule = not_dockerfile_rule();

// The first line that opens a template block ({{ ... }}, {% ... %}, <% %>)
// at its start, or 0.
int template_line(std::string_view text) {
  int line = 1;
  for (size_t p = 0; p < text.size(); ++line) {
    size_t e = text.find('\n', p);
    std::string_view l = text.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
    size_t b = l.find_first_not_of(" \t");
    if (b != std::string_view::npos) {
      l.remove_prefix(b);
      if (l.rfind("{{", 0) == 0 || l.rfind("{%", 0) == 0 || l.rfind("<%", 0) == 0) return line;
    }
    if (e == std::string_view::npos) break;
    p = e + 1;
  }
  return 0;
}

// Why the parsed file is not a Dockerfile, or "" when it is one (perhaps
// with a few syntax errors, which DD0001 reports line by line). Only a file
// whose instructions mostly fail to parse, or a template, qualifies.
std::string not_a_dockerfile(std::string_view text, const dockerfile::Dockerfile& df, int& line) {
  size_t known = 0;
  for (const auto& ins : df.instructions)
    if (ins.kind != dockerfile::Kw::other) ++known;
  bool templated_from = false;
  for (const auto& st : df.stages)
    if (st.base.find("{{") != std::string::npos || st.base.find("{%") != std::string::npos) {
      templated_from = true;
      if (line == 0) line = df.instructions[st.from_index].range.begin.line;
    }
  int t = template_line(text);
  if (t > 0 && (templated_from || !df.errors.empty())) {
    line = t;
    return "a template that generates a Dockerfile ({{ }} blocks from line " + std::to_string(t) +
           "), not a Dockerfile: " + std::to_string(df.errors.size()) + " of its lines are not instructions";
  }
  if (templated_from) return "a template that generates a Dockerfile (FROM names a {{ }} placeholder), not a Dockerfile";
  if (df.stages.empty() && df.errors.size() >= 2 && df.errors.size() >= known) {
    line = df.errors.front().range.begin.line;
    return "not a Dockerfile: no FROM, and " + std::to_string(df.errors.size()) + " of its " +
           std::to_string(df.errors.size() + known) + " instructions are not Dockerfile instructions";
  }
  // Prose that quotes a few instructions (a manual page, a README named
  // Dockerfile.md): most of its lines fail to parse. A Dockerfile with typos
  // has a few errors among many instructions.
  if (df.errors.size() >= 10 && df.errors.size() >= 3 * known) {
    line = df.errors.front().range.begin.line;
    return "not a Dockerfile: " + std::to_string(df.errors.size()) + " of its " +
           std::to_string(df.errors.size() + known) + " instructions are not Dockerfile instructions";
  }
  return {};
}

// Inline pragmas: `# drydock ignore=A,B` or `# hadolint ignore=DL3008` on the
// comment lines right before an instruction; `# drydock global ignore=A` for
// the whole file.
struct Pragmas {
  std::set<std::string> global;
  std::vector<std::pair<std::pair<int, int>, std::set<std::string>>> ranges;  // [first,last] line -> rules

  bool suppresses(const Finding& f) const {
    if (names(global, f)) return true;
    for (const auto& [lines, ids] : ranges)
      if (f.location.line >= lines.first && f.location.line <= lines.second && names(ids, f)) return true;
    return false;
  }

  // The rule's id, or for a ShellCheck finding (DD1140) its code: SC2086.
  static bool names(const std::set<std::string>& ids, const Finding& f) {
    if (ids.count(f.rule)) return true;
    for (const auto& t : f.tags)
      if (t.size() > 2 && t.compare(0, 2, "SC") == 0 && ids.count(t)) return true;
    return false;
  }
};

// The BuildKit check each drydock rule carries as an alias, by rule id.
const std::map<std::string, const dockerfile::BuildkitCheck*>& buildkit_rules() {
  static const auto table = [] {
    std::map<std::string, const dockerfile::BuildkitCheck*> m;
    for (const RuleInfo* r : Registry::instance().all())
      for (const auto& a : r->aliases)
        if (const auto* c = dockerfile::buildkit_check(a)) {
          m.emplace(r->id, c);
          break;
        }
    return m;
  }();
  return table;
}

const dockerfile::BuildkitCheck* buildkit_alias(const std::string& rule) {
  const auto& m = buildkit_rules();
  auto it = m.find(rule);
  return it == m.end() ? nullptr : it->second;
}

// The ids a `check=skip=` comment names: BuildKit names as BuildKit spells
// them (case-sensitive), "all" for every rule with a BuildKit alias.
std::set<std::string> buildkit_ids(const std::vector<std::string>& names) {
  std::set<std::string> ids;
  for (const auto& n : names) {
    for (const auto& [id, check] : buildkit_rules())
      if (n == "all" || check->name == n) ids.insert(id);
  }
  return ids;
}

// True when every line between the comment and the instruction is a comment.
bool in_block_above(const dockerfile::Dockerfile& df, int comment_line, int ins_line) {
  for (int l = comment_line + 1; l < ins_line; ++l) {
    if (l < 1 || static_cast<size_t>(l) > df.lines.size()) return false;
    const std::string& t = df.lines[l - 1];
    size_t b = t.find_first_not_of(" \t");
    if (b == std::string::npos || t[b] != '#') return false;
  }
  return true;
}

Pragmas collect_pragmas(const dockerfile::Dockerfile& df) {
  Pragmas p;
  auto& reg = Registry::instance();
  for (const auto& c : df.comments) {
    auto pragma = dockerfile::ignore_pragma(c.text);
    if (!pragma) continue;
    std::set<std::string> ids;
    if (pragma->buildkit) {
      ids = buildkit_ids(pragma->ids);
    } else {
      for (const auto& id : pragma->ids) {
        auto r = reg.resolve(id);
        ids.insert(r.empty() ? id : r);
      }
    }
    if (pragma->global) {
      p.global.insert(ids.begin(), ids.end());
      continue;
    }
    // The next instruction that starts after the comment. A `check=skip=`
    // comment belongs to the comment block right above it: a blank line in
    // between ends the block.
    for (const auto& ins : df.instructions) {
      if (ins.range.begin.line > c.line) {
        if (pragma->buildkit && !in_block_above(df, c.line, ins.range.begin.line)) break;
        p.ranges.push_back({{ins.range.begin.line, std::max(ins.range.end.line, ins.range.begin.line)}, ids});
        break;
      }
    }
  }
  return p;
}

// The check options in force: BUILDKIT_DOCKERFILE_CHECK given as a build
// argument replaces the file's `# check=` directive (BuildKit reads one or
// the other, never both). A bad directive is a parse error, as BuildKit
// refuses the build; a bad build argument is bad input.
dockerfile::CheckOptions check_options(const dockerfile::Dockerfile& df, const std::string& path,
                                       const dockerfile::BuildArgs& build_args, std::vector<dockerfile::ParseError>& errors) {
  if (auto it = build_args.find(kCheckBuildArg); it != build_args.end()) {
    try {
      return dockerfile::parse_check_options(it->second);
    } catch (const std::invalid_argument& e) {
      throw InputError(path + ": --build-arg " + kCheckBuildArg + "=" + it->second + ": " + e.what());
    }
  }
  for (const auto& d : df.directives) {
    if (d.name != "check") continue;
    try {
      return dockerfile::parse_check_options(d.value);
    } catch (const std::invalid_argument& e) {
      errors.push_back({std::string("check directive: ") + e.what() + " (expected skip=NAMES|all, error=true|false, "
                                                                      "experimental=NAMES|all, separated by ;)",
                        d.range});
    }
  }
  return {};
}

// Applies the check options to the findings of rules with a BuildKit alias:
// skipped and not-enabled experimental checks are dropped, error=true makes
// the rest errors (BuildKit fails the build on them).
void apply_check_options(std::vector<Finding>& findings, const dockerfile::CheckOptions& o) {
  std::erase_if(findings, [&](const Finding& f) {
    const auto* c = buildkit_alias(f.rule);
    return c && !o.runs(*c);
  });
  if (!o.error) return;
  for (auto& f : findings)
    if (buildkit_alias(f.rule)) f.severity = Severity::error;
}

}  // namespace

std::string read_file(const fs::path& file, size_t limit) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) throw InputError(file.string() + ": no such file or directory");
    std::error_code ec;
    if (fs::is_directory(file, ec)) throw InputError(file.string() + ": is a directory, expected a file");
    throw InputError(file.string() + ": cannot read: " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError(file.string() + ": is a directory, expected a file");
  }
  // One read for a regular file of known size; pipes and /proc files grow the buffer.
  std::string out;
  size_t want = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : 65536;
  while (out.size() <= limit) {
    size_t have = out.size();
    out.resize(have + std::min(want, limit + 1 - have));
    ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0 && errno == EINTR) {
      out.resize(have);
      continue;
    }
    if (n < 0) {
      int err = errno;
      ::close(fd);
      throw InputError(file.string() + ": cannot read: " + std::strerror(err));
    }
    const size_t asked = out.size() - have;
    out.resize(have + static_cast<size_t>(n));
    if (n == 0) break;
    // A regular file read short of its size + 1 is at its end: no second
    // read() just to see 0.
    if (S_ISREG(st.st_mode) && static_cast<size_t>(n) < asked) break;
    want = 65536;
  }
  ::close(fd);
  return out;
}

Result lint_text(std::string_view text, const std::string& path, const context::BuildContext* ctx,
                 const Config& config, const dockerfile::BuildArgs& build_args) {
  Result res;
  res.dockerfile = dockerfile::parse(text, path, build_args.empty() ? nullptr : &build_args);
  std::vector<dockerfile::ParseError> check_errors;
  const dockerfile::CheckOptions checks = check_options(res.dockerfile, path, build_args, check_errors);
  res.dockerfile.errors.insert(res.dockerfile.errors.end(), check_errors.begin(), check_errors.end());
  const auto& df = res.dockerfile;
  Report report(&config);
  Pragmas pragmas;
  if (!config.disable_ignore_pragma) {  // hadolint's --disable-ignore-pragma
    pragmas = collect_pragmas(df);
    report.set_suppress([&](const Finding& f) { return pragmas.suppresses(f); });
  }
  dockerfile::LintInput in(df, ctx, config);
  int line = 0;
  if (std::string why = not_a_dockerfile(text, df, line); !why.empty()) {
    // One finding for the file; rules would only report its lines as noise.
    Finding f;
    f.message = "the file is " + why;
    f.location.file = path;
    f.location.line = std::max(line, 1);
    f.location.column = 1;
    // A template is an input of a generator: worth knowing, not an error.
    if (why.rfind("a template", 0) == 0) f.severity = Severity::info;
    f.root_cause = "BuildKit reads Dockerfile instructions only; this file has to be rendered or replaced first.";
    report.add(not_dockerfile_rule(), std::move(f));
    res.findings = std::move(report.findings());
    return res;
  }
  for (const auto& e : df.errors) {
    // An instruction before the first FROM is DD1021's (one finding, with its fix).
    bool before_from = false;
    for (const auto& ins : df.instructions) {
      if (ins.kind == dockerfile::Kw::FROM) break;
      if (ins.kind != dockerfile::Kw::ARG && ins.kind != dockerfile::Kw::other &&
          ins.keyword_range.begin.line == e.range.begin.line &&
          ins.keyword_range.begin.column == e.range.begin.column)
        before_from = true;
    }
    if (before_from) continue;
    // A second stage of the same name is DD1006's (it names the first one).
    bool duplicate_stage = false;
    for (const auto& st : df.stages)
      if (!st.name.empty() && st.from_index < df.instructions.size() &&
          df.instructions[st.from_index].range.begin.line == e.range.begin.line)
        for (const auto& earlier : df.stages)
          if (earlier.index < st.index && earlier.name == st.name) duplicate_stage = true;
    if (duplicate_stage) continue;
    Finding f = in.at(e.range, e.message);
    report.add(parse_error_rule(), std::move(f));
  }
  for (const auto* rule : dockerfile::rules()) rule->check(in, report);
  res.findings = std::move(report.findings());
  // A line the parser rejected gets one finding. Warnings and infos of other
  // rules on it judge words BuildKit never accepts (a stage "named" by a
  // comment after FROM) and go; an error of a rule that exists for this
  // mistake (DD1022 ONBUILD FROM, DD1006 a duplicate stage name) stands in
  // for the parse error, with its fix.
  std::vector<std::pair<int, int>> rejected;  // [first, last] line of each instruction with a DD0001
  for (const auto& f : res.findings)
    if (f.rule == "DD0001")
      for (const auto& ins : df.instructions)
        if (f.location.line >= ins.range.begin.line && f.location.line <= ins.range.end.line)
          rejected.emplace_back(ins.range.begin.line, ins.range.end.line);
  auto on_rejected = [&](const Finding& f) {
    for (const auto& [a, b] : rejected)
      if (f.location.file == df.path && f.location.line >= a && f.location.line <= b) return true;
    return false;
  };
  if (!rejected.empty()) {
    std::vector<int> explained;  // lines where a rule's error stands in
    for (const auto& f : res.findings)
      if (f.rule != "DD0001" && f.severity == Severity::error && on_rejected(f)) explained.push_back(f.location.line);
    std::erase_if(res.findings, [&](const Finding& f) {
      if (!on_rejected(f)) return false;
      if (f.rule == "DD0001")
        return std::find(explained.begin(), explained.end(), f.location.line) != explained.end();
      return f.severity != Severity::error;
    });
  }
  apply_check_options(res.findings, checks);
  res.edits = std::move(in.edits());
  res.appends = std::move(in.appends());
  return res;
}

namespace {

// Lints `text` against the build context at ctx_dir; `dockerfile` names the
// file for a Dockerfile-specific ignore file (empty for stdin).
Result lint_in_context(std::string_view text, const std::string& shown, const fs::path& ctx_dir,
                       const fs::path& dockerfile, const Options& opt, const Config& config) {
  std::error_code ec;
  if (!fs::is_directory(ctx_dir, ec)) throw InputError(ctx_dir.string() + ": build context is not a directory");
  auto ctx = opt.contexts ? opt.contexts->get(ctx_dir, dockerfile)
                          : std::make_shared<const context::BuildContext>(context::BuildContext::load(ctx_dir, dockerfile));
  Result res = lint_text(text, shown, ctx.get(), config, opt.build_args);
  res.context = std::move(ctx);
  return res;
}

}  // namespace

std::shared_ptr<const context::BuildContext> ContextCache::get(const fs::path& root, const fs::path& dockerfile) {
  const fs::path ignore = context::BuildContext::ignore_file_for(root, dockerfile);
  std::pair<std::string, std::string> key{root.string(), ignore.string()};
  std::promise<std::shared_ptr<const context::BuildContext>> mine;
  Walk walk;
  bool first = false;
  {
    std::lock_guard lock(mu_);
    auto [it, inserted] = walks_.try_emplace(key);
    if (inserted) {
      it->second = mine.get_future().share();
      first = true;
    }
    walk = it->second;
  }
  // The first file walks; the others wait for its result (or its error).
  if (first) {
    try {
      mine.set_value(std::make_shared<const context::BuildContext>(context::BuildContext::walk(root, ignore)));
    } catch (...) {
      mine.set_exception(std::current_exception());
    }
  }
  return walk.get();
}

Result lint_file(const fs::path& file, const Options& opt, const Config& config) {
  std::string text = read_file(file);
  std::string shown = opt.display_path.empty() ? file.string() : opt.display_path;
  if (!opt.use_context) return lint_text(text, shown, nullptr, config, opt.build_args);
  fs::path ctx_dir = opt.context_dir.empty() ? file.parent_path() : opt.context_dir;
  if (ctx_dir.empty()) ctx_dir = ".";
  return lint_in_context(text, shown, ctx_dir, file, opt, config);
}

Result lint_stdin(std::string_view text, const Options& opt, const Config& config) {
  const std::string shown = opt.display_path.empty() ? "-" : opt.display_path;
  if (!opt.use_context || opt.context_dir.empty()) return lint_text(text, shown, nullptr, config, opt.build_args);
  // A name given for the text also picks its NAME.dockerignore, as for a file.
  return lint_in_context(text, shown, opt.context_dir, opt.display_path, opt, config);
}

}  // namespace dd::lint
