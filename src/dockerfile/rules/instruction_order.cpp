// DD1021: Instruction before the first FROM, each one (the parser's own
// error for it is not repeated as DD0001).
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class InstructionOrder : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    // The file's first FROM, to put the instruction after.
    std::string first_from;
    for (const auto& ins : in.df.instructions)
      if (ins.kind == Kw::FROM) {
        first_from = line_text(in.df, ins.range.begin.line);
        break;
      }
    for (const auto& ins : in.df.instructions) {
      if (ins.kind == Kw::FROM) break;
      // An unknown instruction is the parser's error (DD0001).
      if (ins.kind == Kw::ARG || ins.kind == Kw::other) continue;
      Finding f = in.at(ins.keyword_range, ins.keyword + " on line " + std::to_string(ins.range.begin.line) +
                                               " comes before any FROM; only ARG may precede the first FROM");
      f.root_cause = "Every instruction except ARG needs a build stage, which FROM starts.";
      // Pasteable: the file's first FROM, then the instruction.
      f.fix = (first_from.empty() ? std::string("FROM <image>") : first_from) + "\n" +
              line_text(in.df, ins.range.begin.line);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1021",
      .name = "instruction-order",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "Instruction before the first FROM",
      .rationale = "Only ARG may come before the first FROM; anything else fails the build with \"no build stage in current context\".",
      .fix = "FROM alpine:3.20",
      .aliases = {"DL3061"},
  });
};

DD_DOCKERFILE_RULE(InstructionOrder)

}  // namespace
}  // namespace dd::dockerfile
