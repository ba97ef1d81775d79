// DD1017: Comment above a stage or ARG is not a description.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class InvalidDefinitionDescription : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      std::string name;
      if (ins.kind == Kw::FROM && ins.args.size() >= 3) name = ins.args[2].text;
      if (ins.kind == Kw::ARG && ins.pairs.size() == 1) name = ins.pairs[0].key;
      if (name.empty()) continue;
      const Comment* above = nullptr;
      for (const auto& c : in.df.comments)
        if (c.line == ins.range.begin.line - 1) above = &c;
      if (!above) continue;
      // Start of the comment block.
      const Comment* first = above;
      for (bool moved = true; moved;) {
        moved = false;
        for (const auto& c : in.df.comments)
          if (c.line == first->line - 1) {
            first = &c;
            moved = true;
          }
      }
      std::string_view t = first->text;
      if (t.empty() || util::starts_with(t, "hadolint") || util::starts_with(t, "drydock") || util::starts_with(t, "syntax") ||
          util::starts_with(t, "check") || util::starts_with(t, "escape"))
        continue;
      std::string_view word = t.substr(0, t.find_first_of(" \t"));
      if (word == name) continue;
      Range r{{first->line, 1}, {first->line, 2}};
      Finding f = in.at(r, "the comment on line " + std::to_string(first->line) + " above " + ins.keyword + " " + name +
                               " would be its description but does not start with '" + name + "'");
      f.root_cause = "Description comments must begin with the stage or argument name.";
      f.fix = "# " + name + " <description>   (or put an empty line between the comment and line " +
              std::to_string(ins.range.begin.line) + ")";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1017",
      .name = "invalid-definition-description",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "Comment above a stage or ARG is not a description",
      .rationale = "docker buildx build --call=outline/targets reads the comment right above FROM ... AS name and ARG name as their description when it starts with the name; other comments there show up as wrong descriptions.",
      .fix = "# build compiles the server\\nFROM golang:1.22 AS build",
      .aliases = {"InvalidDefinitionDescription"},
  });
};

DD_DOCKERFILE_RULE(InvalidDefinitionDescription)

}  // namespace
}  // namespace dd::dockerfile
