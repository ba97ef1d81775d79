// drydock envdiff A B: what differs between two environments.
#include "cli/cli.h"
#include "core/error.h"
#include "core/report.h"
#include "envdiff/envdiff.h"

namespace dd::cli {
namespace {

struct EnvdiffArgs {
  Common common;
  std::vector<std::string> sides;
  envdiff::Options opt;
  std::string source;
};

nlohmann::json side_json(const envdiff::EnvSet& s) {
  nlohmann::json vars = nlohmann::json::object();
  for (const auto& v : s.vars) {
    nlohmann::json j = {{"from", v.from}, {"secret", v.secret}};
    if (v.value) j["value"] = envdiff::shown(v);
    if (v.line) j["line"] = v.line;
    vars[v.name] = std::move(j);
  }
  nlohmann::json j = {{"input", s.label}, {"file", s.file}, {"kind", s.kind}, {"vars", vars}};
  if (!s.resource.empty()) j["resource"] = s.resource;
  if (!s.container.empty()) j["container"] = s.container;
  return j;
}

int run_envdiff(const EnvdiffArgs& a) {
  if (a.sides.size() != 2) throw InputError("envdiff: give exactly two inputs, A and B");
  Config config = load_config_for(a.common, a.sides.front());
  auto A = envdiff::read_side(a.sides[0], a.opt);
  auto B = envdiff::read_side(a.sides[1], a.opt);
  std::vector<envdiff::SourceRead> reads;
  if (!a.source.empty()) reads = envdiff::scan_source(a.source);
  auto r = envdiff::compare(A, B, a.source.empty() ? nullptr : &reads);
  Report report(&config);
  for (auto& f : r.findings) report.add(std::move(f));
  nlohmann::json env = {{"a", side_json(A)},
                        {"b", side_json(B)},
                        {"missing_in_a", r.missing_in_a},
                        {"missing_in_b", r.missing_in_b},
                        {"different", r.different},
                        {"same", r.same}};
  if (!a.source.empty()) {
    nlohmann::json rs = nlohmann::json::array();
    for (const auto& s : reads)
      rs.push_back({{"name", s.name}, {"file", s.file}, {"line", s.line}, {"default", s.has_default},
                    {"provided", A.find(s.name) || B.find(s.name)}});
    env["read_by_source"] = rs;
  }
  return finish(std::move(report.findings()), a.common, config, nlohmann::json{{"env", env}});
}

DD_COMMAND("envdiff", "Compare two environments: env, .env, docker inspect, pod JSON, manifests",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<EnvdiffArgs>();
             app->add_option("inputs", a->sides,
                             "A and B: env output, .env files, docker inspect JSON, pod JSON or manifests "
                             "(FILE:container=NAME picks a container)")
                 ->required();
             app->add_option("--container", a->opt.container, "The container to read from pods and manifests");
             app->add_option("--with", a->opt.with, "Files with the ConfigMaps and Secrets that valueFrom/envFrom name")
                 ->allow_extra_args(false);
             app->add_option("--source", a->source, "Application source folder: list the variables the code reads");
             add_common(app, a->common);
             return [a] { return run_envdiff(*a); };
           },
           45)

}  // namespace
}  // namespace dd::cli
