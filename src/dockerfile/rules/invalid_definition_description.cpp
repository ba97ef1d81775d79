// DD1017: Comment above a stage or ARG is not a description.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class InvalidDefinitionDescription : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      // The names a description may start with: the stage name, or any key
      // of the ARG (as BuildKit matches them).
      std::vector<std::string> names;
      if (ins.kind == Kw::FROM && ins.args.size() >= 3) names.push_back(ins.args[2].text);
      if (ins.kind == Kw::ARG)
        for (const auto& kv : ins.pairs) names.push_back(kv.key);
      if (names.empty()) continue;
      // BuildKit reads the last comment of the block right above the
      // instruction: the line just before it. A blank '#' line there ends
      // the block (nothing is read); a blank line means no block at all.
      const Comment* last = nullptr;
      for (const auto& c : in.df.comments)
        if (c.line == ins.range.begin.line - 1) last = &c;
      if (!last) continue;
      std::string_view t = last->text;
      if (t.empty() || util::starts_with(t, "hadolint") || util::starts_with(t, "drydock") || util::starts_with(t, "syntax") ||
          util::starts_with(t, "check") || util::starts_with(t, "escape"))
        continue;
      std::string_view word = t.substr(0, t.find(' '));
      if (std::find(names.begin(), names.end(), word) != names.end()) continue;
      const std::string name = names.size() == 1 ? names.front() : "<arg_key>";
      const std::string what = ins.keyword + " " + (ins.kind == Kw::FROM ? "... AS " + names.front() : names.front());
      // BuildKit reports the FROM/ARG line; the comment is the related place.
      Finding f = in.at(ins, "the comment on line " + std::to_string(last->line) + " above " + what +
                                 " would be its description but does not start with '" + name + "'");
      f.root_cause = "Description comments must begin with the stage or argument name.";
      f.fix = "# " + name + " <description>   (or put an empty line between the comment and line " +
              std::to_string(ins.range.begin.line) + ")";
      Related rel;
      rel.location = in.at(Range{{last->line, 1}, {last->line, 2}}, "").location;
      rel.message = "the comment read as its description";
      f.related.push_back(std::move(rel));
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
      // Experimental in BuildKit: runs only with # check=experimental=InvalidDefinitionDescription (or all).
  });
};

DD_DOCKERFILE_RULE(InvalidDefinitionDescription)

}  // namespace
}  // namespace dd::dockerfile
