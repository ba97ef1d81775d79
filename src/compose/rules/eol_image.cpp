// DD7007: a compose service runs an end-of-life image (node:16, python:3.8,
// debian:buster). The same verdict as DD2072 for FROM lines: one dated table
// (knowledge/eol.h), judged on today's date.
#include "compose/compose.h"
#include "core/package_facts.h"
#include "knowledge/eol.h"

namespace dd::compose {
namespace {

class EolImage : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    const kb::Date today = kb::today();
    for (const auto& s : file.services) {
      if (s.image.empty() || s.image.find('$') != std::string::npos) continue;
      kb::ImageRef ref = kb::parse_image(s.image);
      auto eol = kb::eol_verdict(ref, today);
      if (!eol) continue;
      Finding f = at(file, s, s.image_at, "service '" + s.name + "' runs image " + s.image + ": " + eol->why,
                     "image: " + s.image);
      f.root_cause = "The image no longer receives security updates.";
      f.fix = "image: " + (eol->upgrade.empty() ? ref.path + ":<supported version>" : eol->upgrade);
      f.tags = {"compose", "eol"};
      if (eol->release) set_package_facts(f, eol->release->image, eol->release->release, kb::parse_image(eol->upgrade).tag);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7007",
      .name = "compose-end-of-life-image",
      .category = Category::stale_image,
      .severity = Severity::warning,
      .summary = "Compose service runs an end-of-life image",
      .rationale = "An end-of-life OS or runtime gets no security fixes: scanners light up, and package mirrors "
                   "disappear so rebuilds start failing.",
      .fix = "image: node:24-slim",
      .aliases = {},
      .tags = {"compose", "eol"},
  });
};

DD_COMPOSE_RULE(EolImage)

}  // namespace
}  // namespace dd::compose
