// DD1009: FROM uses an ARG that is not declared before the first FROM.
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rules/pkg_util.h"
#include "knowledge/build_env.h"

namespace dd::dockerfile {
namespace {


class UndefinedArgInFrom : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    std::vector<std::string> global;
    for (size_t i : in.df.global_args)
      if (i < in.df.instructions.size())
        for (const auto& kv : in.df.instructions[i].pairs) global.push_back(kv.key);
    auto known = [&](const std::string& n) {
      return dd::kb::predefined_in_from(n) || std::find(global.begin(), global.end(), n) != global.end();
    };
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM) continue;
      std::vector<std::pair<Range, std::string>> words;
      if (!ins.args.empty()) words.emplace_back(ins.args[0].range, ins.args[0].text);
      if (const Flag* p = ins.flag("platform")) {
        std::string raw = util::text_of(in.df, p->range);
        auto eq = raw.find('=');
        Range vr = p->range;
        if (eq != std::string::npos && p->range.begin.line == p->range.end.line) vr.begin.column += static_cast<int>(eq + 1);
        words.emplace_back(vr, p->value);
      }
      for (const auto& [r, text] : words) {
        for (const auto& ref : util::var_refs(text, in.df.escape)) {
          if (ref.has_default || known(ref.name)) continue;
          Range vr = util::sub_range(r, ref.begin, ref.end);
          Finding f = in.at(vr, "FROM on line " + std::to_string(r.begin.line) + " uses $" + ref.name +
                                    ", but no ARG " + ref.name + " is declared before the first FROM",
                            text);
          f.root_cause = "Only ARGs declared before the first FROM are visible in FROM lines.";
          // Pasteable: the ARG goes before the first FROM.
          f.fix = "ARG " + ref.name + "=<default>";
          if (!in.df.stages.empty() && in.df.stages.front().from_index < in.df.instructions.size())
            f.fix += "\n" + line_text(in.df, in.df.instructions[in.df.stages.front().from_index].range.begin.line);
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1009",
      .name = "undefined-arg-in-from",
      .category = Category::image_pull,
      .severity = Severity::warning,
      .summary = "FROM uses an ARG that is not declared before the first FROM",
      .rationale = "A variable in FROM only resolves from ARGs declared before the first FROM; otherwise it expands to an empty string and the build pulls the wrong image or fails with an invalid reference.",
      .fix = "ARG NODE_VERSION=20\\nFROM node:${NODE_VERSION}-alpine",
      .aliases = {"UndefinedArgInFrom"},
  });
};

DD_DOCKERFILE_RULE(UndefinedArgInFrom)

}  // namespace
}  // namespace dd::dockerfile
