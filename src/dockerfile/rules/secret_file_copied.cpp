// DD2032: credential files copied into the image (and maybe deleted later,
// which does not remove them from the lower layer).
#include "dockerfile/rules/incident_util.h"
#include "dockerfile/rules/secret_files.h"

namespace dd::dockerfile {
namespace {

class SecretFileCopied : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& all = inc::final_instructions(in);
    for (size_t k = 0; k < all.size(); ++k) {
      const Instruction* ins = all[k];
      if (ins->kind != Kw::COPY && ins->kind != Kw::ADD) continue;
      if (inc::copies_from_stage(*ins)) continue;
      for (const Arg* s : inc::copy_sources(*ins)) {
        if (!inc::is_secret_file(s->text)) continue;
        std::string name(kb::basename(s->text));
        int deleted = 0;
        for (size_t j = k + 1; j < all.size() && j < k + 4096 && !deleted; ++j)
          if (all[j]->kind == Kw::RUN && inc::mentions(*all[j], {"rm "}) && inc::mentions(*all[j], {name}))
            deleted = all[j]->range.begin.line;
        std::string msg = ins->keyword + " " + s->text + " on line " + std::to_string(ins->range.begin.line) +
                          " puts a credential file into the image";
        if (deleted)
          msg += "; the RUN rm on line " + std::to_string(deleted) + " hides it but the file still ships in the "
                 "layer of line " + std::to_string(ins->range.begin.line);
        Finding f = in.at(s->range, msg, kb::line_text(in.df, ins->range.begin.line));
        f.root_cause = "Files added by COPY/ADD are stored in their layer forever; a later rm only adds a whiteout.";
        std::string id = kb::lower(name);
        while (!id.empty() && id.front() == '.') id.erase(0, 1);
        f.fix = name.rfind("id_", 0) == 0 ? "RUN --mount=type=ssh git clone git@github.com:org/repo.git  (docker "
                                            "build --ssh default)"
                                          : "RUN --mount=type=secret,id=" + id + ",target=/root/" + name +
                                                " <command>   (docker build --secret id=" + id + ",src=" + name + ")";
        f.tags = {"secret"};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2032",
      .name = "secret-file-copied",
      .domain = Domain::dockerfile,
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Credential file copied into the image",
      .rationale = "COPY id_rsa, .npmrc, .env or *.key ships the credential to everyone who pulls the image, even "
                   "when a later RUN rm deletes it.",
      .fix = "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SecretFileCopied)

}  // namespace
}  // namespace dd::dockerfile
