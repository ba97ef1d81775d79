#include "cli/cli.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "core/error.h"
#include "core/registry.h"
#include "image/local_store.h"
#include "secrets/secrets.h"

namespace dd::cli {

std::vector<Command>& commands() {
  static std::vector<Command> c;
  return c;
}

void add_common(CLI::App* app, Common& common, bool formats) {
  if (formats)
    app->add_option("--format,-f", common.format,
                    "Output format: text, json, sarif, codeclimate (GitLab Code Quality), checkstyle (Jenkins), gnu "
                    "(FILE:LINE:COL: lines for editors) or sonarqube (generic issue import); hadolint's tty and "
                    "gitlab_codeclimate are accepted")
        ->check(CLI::IsMember(render::format_names()));
  app->add_option("--fail-on", common.fail_on, "Exit 1 when a finding reaches this severity: error, warning, info, none")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  app->add_option("--config,-c", common.config, "Configuration file (default: .drydock.yaml found upwards)");
  app->add_flag("--no-color", common.no_color, "Never colour the text output");
  app->add_option("--ignore", common.ignore,
                  "Turn a rule off (drydock id, hadolint id, BuildKit check name or trivy DS id); repeat or separate with commas")
      ->delimiter(',')
      ->allow_extra_args(false);  // one word per flag: the words after it stay paths
  app->add_option("--trusted-registry", common.trusted_registries,
                  "A registry images may come from (DD1031, hadolint DL3026); repeat or separate with commas")
      ->delimiter(',')
      ->allow_extra_args(false);  // one word per flag: the words after it stay paths
  // hadolint's severity overrides, as `override:` in its config.
  struct Level {
    const char* flag;
    Severity severity;
    const char* help;
  };
  static const Level levels[] = {
      {"--error", Severity::error, "Report a rule as an error (hadolint's --error); repeat or separate with commas"},
      {"--warning", Severity::warning, "Report a rule as a warning (hadolint's --warning); repeat or separate with commas"},
      {"--info", Severity::info, "Report a rule as info (hadolint's --info); repeat or separate with commas"},
      {"--style", Severity::info, "Report a rule as info (hadolint's --style; drydock has no style level)"}};
  for (const auto& [flag, sev, help] : levels) {
    app->add_option_function<std::vector<std::string>>(
           flag,
           [&common, flag = flag, sev = sev](const std::vector<std::string>& ids) {
             for (const auto& id : ids) common.severities.push_back({flag, id, sev});
           },
           help)
        ->type_name("RULE")
        ->delimiter(',')
        ->allow_extra_args(false);
  }
}

void add_dockerfile_options(CLI::App* app, Common& common) {
  app->add_option("--require-label", common.require_labels,
                  "A label the image must carry, LABEL or LABEL:TYPE with TYPE one of text, url, rfc3339, spdx, "
                  "hash, semver, email (hadolint's label-schema); repeat or separate with commas")
      ->delimiter(',')
      ->allow_extra_args(false);  // one word per flag: the words after it stay paths
  app->add_flag("--strict-labels", common.strict_labels, "Report labels that are not in the label schema");
  app->add_flag("--shellcheck", common.shellcheck,
                "Also run ShellCheck on every RUN script, as hadolint does (needs the shellcheck program)");
  // hadolint's spellings of --fail-on, so its CI lines work unchanged.
  app->add_option_function<std::string>(
         "--failure-threshold",
         [&common](const std::string& v) { common.fail_on = to_string(*parse_severity(v)); },
         "hadolint's --fail-on: error, warning, info, style (= info), ignore or none")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "ignore", "none"}));
  app->add_flag_callback("--no-fail", [&common] { common.fail_on = "none"; }, "hadolint's --fail-on none");
  app->add_flag("--disable-ignore-pragma", common.disable_ignore_pragma,
                "Do not honour inline '# drydock ignore=' and '# hadolint ignore=' comments");
  app->add_flag("--local-images", common.local_images,
                "Look the FROM images up in the local Docker engine and check they suit the build's platform "
                "(DD1142, BuildKit's InvalidBaseImagePlatform)");
  app->add_option("--platform", common.platform,
                  "The build's target platform(s) for --local-images, as docker build --platform "
                  "(default: the engine's platform)")
      ->type_name("OS/ARCH[/VARIANT]");
}

namespace {

Config load_config_file(const Common& common, const std::string& input) {
  if (!common.config.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(common.config, ec))
      throw InputError(common.config + ": config file not found");
    return load_config(common.config);
  }
  return discover_config(input.empty() ? std::filesystem::path(".") : std::filesystem::path(input));
}

}  // namespace

Config load_config_for(const Common& common, const std::string& input) {
  Config c = load_config_file(common, input);
  auto unknown = add_ignored(c, common.ignore);
  if (!unknown.empty()) throw InputError("--ignore " + unknown.front() + ": no such rule (see drydock rules)");
  for (const auto& r : common.trusted_registries)
    if (std::find(c.trusted_registries.begin(), c.trusted_registries.end(), r) == c.trusted_registries.end())
      c.trusted_registries.push_back(r);
  for (const auto& l : common.require_labels) add_required_label(c, l, "--require-label");
  if (common.strict_labels) c.strict_labels = true;
  if (common.shellcheck) c.shellcheck = true;
  if (common.disable_ignore_pragma) c.disable_ignore_pragma = true;
  if (!common.platform.empty()) {
    std::string bad;
    auto list = parse_platforms(common.platform, &bad);
    if (!list) throw InputError("--platform " + bad + ": not a platform such as linux/arm64");
    c.platforms = std::move(*list);
  }
  if (common.local_images) c.local_images = true;
  if (c.local_images) {
    c.images = image::local_image_store();  // the engine's images, read through the walk
    c.images->host();  // the engine must answer now, not halfway through the files
  }
  for (const auto& o : common.severities) {
    std::string r = Registry::instance().resolve(o.rule);
    if (r.empty()) throw InputError(o.flag + " " + o.rule + ": no such rule (see drydock rules)");
    c.severity[r] = o.severity;
  }
  return c;
}

render::Format output_format(const Common& common) {
  return render::parse_format(common.format).value_or(render::Format::text);
}

render::Options render_options(const Common& common) {
  render::Options opt;
  opt.color = !common.no_color && render::want_color();
  opt.scrub = [](std::string_view t) { return secrets::mask(t); };
  return opt;
}

namespace {

Severity threshold(const Common& common, const Config& config) {
  if (!common.fail_on.empty()) return parse_severity(common.fail_on).value_or(Severity::error);
  if (config.fail_on) return *config.fail_on;
  return Severity::error;
}

}  // namespace

int finish(std::vector<Finding> findings, const Common& common, const Config& config, nlohmann::json extra) {
  sort_findings(findings);
  render::Options opt = render_options(common);
  opt.extra = std::move(extra);
  render::write(output_format(common), std::cout, findings, opt);
  std::cout.flush();
  return reaches(findings, threshold(common, config)) ? 1 : 0;
}

int finish(const std::vector<render::Piece>& pieces, const Common& common, const Config& config) {
  render::write_pieces(output_format(common), std::cout, pieces, render_options(common));
  std::cout.flush();
  Summary s;
  for (const auto& p : pieces) s += p.summary;
  return reaches(s, threshold(common, config)) ? 1 : 0;
}

int finish(render::PieceWriter& writer, const Common& common, const Config& config) {
  writer.close();
  std::cout.flush();
  return reaches(writer.summary(), threshold(common, config)) ? 1 : 0;
}

int main(int argc, char** argv) {
  CLI::App app{"drydock: find container production incidents before they ship, and explain them when they happen", "drydock"};
  app.set_version_flag("--version", std::string("drydock ") + DRYDOCK_VERSION);
  app.require_subcommand(1);
  auto& cmds = commands();
  std::stable_sort(cmds.begin(), cmds.end(), [](const Command& a, const Command& b) { return a.order < b.order; });
  if (argc > 1 && argv[1][0] != '-') {
    bool known = std::any_of(cmds.begin(), cmds.end(), [&](const Command& c) { return c.name == argv[1]; });
    if (!known) {
      std::fprintf(stderr, "drydock: unknown command '%s' (see drydock --help)\n", argv[1]);
      return 2;
    }
  }
  std::function<int()> runner;
  for (auto& c : cmds) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    auto run = c.setup(sub);
    if (run) sub->callback([&runner, run] { runner = run; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::fprintf(stderr, "drydock: %s (see drydock --help)\n", msg.c_str());
    return 2;
  } catch (const InputError& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 2;
  }
  if (!runner) return 0;
  try {
    return runner();
  } catch (const InputError& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 2;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "drydock: out of memory\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drydock: internal error: %s\n", e.what());
    return 2;
  }
}

}  // namespace dd::cli
