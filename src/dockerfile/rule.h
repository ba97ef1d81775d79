#pragma once
// The interface every Dockerfile rule implements. A rule is one file in
// src/dockerfile/rules/: a class deriving from Rule, its RuleInfo, and a
// DD_DOCKERFILE_RULE(Class) line. Nothing else needs editing.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/registrar.h"
#include "core/registry.h"
#include "core/report.h"
#include "core/text.h"
#include "dockerfile/ast.h"
#include "dockerfile/expand.h"
#include "dockerfile/shell.h"

namespace dd::context {
class BuildContext;
}

namespace dd::kb {}

namespace dd::dockerfile {

// The knowledge layer (src/knowledge/) under its one name: kb::real_program,
// kb::package_command... Text helpers are dd::text (core/text.h).
namespace kb = ::dd::kb;

// Rules compare words with "literal"sv: a string_view compare checks the
// length first, where std::string == "literal" always calls memcmp.
using namespace std::string_view_literals;

// A mechanical edit proposed by a rule: replace [begin, end) of the file with
// `text`. Used by `drydock lint --fix`.
struct Edit {
  Range range;
  std::string text;
};

// Lines a rule wants added to another file of the build context (the
// .dockerignore), created when missing. Used by `drydock lint --fix`.
struct FileAppend {
  std::string file;  // path of the file on disk
  std::vector<std::string> lines;
};

// The shell script of an instruction as it is tokenized: the arguments, then
// for RUN each heredoc body after a newline. Offsets into it map to file
// positions through Instruction::script_positions().
std::string script_text(const Instruction& ins);

// Everything a rule may read. One parse, one shell tokenization per
// instruction (cached), one context walk, shared by all rules.
class LintInput {
 public:
  LintInput(const Dockerfile& df, const context::BuildContext* ctx, const Config& cfg);
  ~LintInput();

  const Dockerfile& df;
  const context::BuildContext* context;  // null when linting without a context
  // The Dockerfile domain's own section of the configuration, and the core
  // settings (ignores, severities) for the few rules that report on them.
  const DockerfileSettings& config;
  const CoreSettings& core;

  // The shell script of a RUN/CMD/ENTRYPOINT/HEALTHCHECK in shell form (args
  // text, or heredoc bodies), tokenized once. Empty script for exec form.
  const shell::Script& script(const Instruction& ins) const;
  // For exec form: the argv. For shell form: the tokenized words of the first
  // command. Convenience for CMD/ENTRYPOINT rules.
  std::vector<std::string> argv(const Instruction& ins) const;
  // Variables in scope at an instruction (computed once per instruction).
  const Vars& scope(const Instruction& ins) const;

  // A value derived from one instruction, computed on first use and shared by
  // every rule after that (command lists, package installs...). `tag` is the
  // address of a static object that names the kind of value.
  template <class T, class Make>
  const T& memo(const void* tag, const Instruction& ins, Make&& make) const {
    if (const auto& slot = memo_slot(tag, ins)) return *static_cast<const T*>(slot.get());
    // make() may memoize other values of this instruction: take the slot again after it.
    auto value = std::make_shared<T>(make());
    memo_slot(tag, ins) = value;
    return *value;
  }

  // The same for a value derived from the whole file.
  template <class T, class Make>
  const T& memo(const void* tag, Make&& make) const {
    if (const auto& slot = file_slot(tag)) return *static_cast<const T*>(slot.get());
    auto value = std::make_shared<T>(make());
    file_slot(tag) = value;
    return *value;
  }

  // A finding located at `r` in this Dockerfile, with the source line as
  // evidence when `evidence` is empty.
  Finding at(const Range& r, std::string message, std::string evidence = {}) const;
  // A finding on the whole instruction (its first line).
  Finding at(const Instruction& ins, std::string message, std::string evidence = {}) const;
  // A range for a shell word inside an instruction's script.
  Range word_range(const Instruction& ins, const shell::Word& w) const;
  Range command_range(const Instruction& ins, const shell::Command& c) const;

  // Proposed edits for --fix, collected from rules.
  void propose(Edit e) const { edits_.push_back(std::move(e)); }
  std::vector<Edit>& edits() const { return edits_; }
  void propose_append(FileAppend a) const { appends_.push_back(std::move(a)); }
  std::vector<FileAppend>& appends() const { return appends_; }

 private:
  std::shared_ptr<void>& memo_slot(const void* tag, const Instruction& ins) const;
  std::shared_ptr<void>& file_slot(const void* tag) const;

  struct Cache;
  std::unique_ptr<Cache> cache_;
  mutable std::vector<Edit> edits_;
  mutable std::vector<FileAppend> appends_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const LintInput& in, Report& out) const = 0;
};

using Rules = Registrar<Domain::dockerfile, Rule>;
inline std::vector<const Rule*>& rules() { return Rules::rules(); }

#define DD_DOCKERFILE_RULE(Class) static ::dd::dockerfile::Rules::Enlist<Class> dd_register_##Class;

}  // namespace dd::dockerfile
