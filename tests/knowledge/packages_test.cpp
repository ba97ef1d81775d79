#include "knowledge/packages.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

namespace dd::kb {
namespace {

using namespace std::string_view_literals;

// argv of a command line split at spaces.
std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < line.size()) {
    size_t e = line.find(' ', b);
    if (e == std::string_view::npos) e = line.size();
    if (e > b) out.emplace_back(line.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

struct Parsed {
  std::vector<std::string> words;
  std::vector<std::string_view> argv;
  std::optional<PkgCommand> cmd;
};
Parsed parse(std::string_view line) {
  Parsed p;
  p.words = split(line);
  p.argv.assign(p.words.begin(), p.words.end());
  p.cmd = package_command(std::span<const std::string_view>(p.argv), 0);
  return p;
}
std::vector<std::string> operands(const Parsed& p) {
  std::vector<std::string> out;
  for (size_t i : p.cmd->operands) out.push_back(p.words[i]);
  return out;
}

// The words that start a command of this row: "apt-get", "uv pip".
std::string head(const PackageManager& pm) {
  std::string h(pm.programs.front());
  if (!pm.lead.empty()) h += " " + std::string(pm.lead);
  return h;
}

// Every row: each program and subcommand is read back with its action, every
// option that takes a value consumes it, every yes flag makes it unattended,
// every cache folder is covered by a cache and a tmpfs mount and removed by
// rm -rf, every clean command is one, and the pin example is pinned.
TEST(Packages, EveryRowReadsBack) {
  ASSERT_GE(package_managers().size(), 20u);
  for (const auto& pm : package_managers()) {
    SCOPED_TRACE(std::string(pm.name));
    ASSERT_FALSE(pm.programs.empty());
    EXPECT_EQ(package_manager_named(pm.name), &pm);
    ASSERT_FALSE(pm.subcommands.empty());
    for (auto prog : pm.programs) {
      std::string h(prog);
      if (!pm.lead.empty()) h += " " + std::string(pm.lead);
      for (const auto& s : pm.subcommands) {
        auto p = parse(h + " " + std::string(s.word) + " pkga pkgb");
        ASSERT_TRUE(p.cmd) << h;
        EXPECT_EQ(p.cmd->pm, &pm) << h;
        EXPECT_EQ(p.cmd->action, s.action) << s.word;
        EXPECT_EQ(p.cmd->sub_word(p.argv), s.word);
        EXPECT_EQ(operands(p), (std::vector<std::string>{"pkga", "pkgb"})) << s.word;
      }
    }
    for (const auto& s : pm.module_subcommands) {
      auto p = parse(head(pm) + " module " + std::string(s.word) + " nodejs:18");
      ASSERT_TRUE(p.cmd);
      EXPECT_TRUE(p.cmd->module(p.argv));
      EXPECT_EQ(p.cmd->action, s.action);
    }
    const std::string install = [&] {
      for (const auto& s : pm.subcommands)
        if (s.action == PkgAction::install) return std::string(s.word);
      return std::string(pm.subcommands.front().word);
    }();
    for (auto opt : pm.with_value) {
      auto p = parse(head(pm) + " " + std::string(opt) + " VALUE " + install + " pkga");
      ASSERT_TRUE(p.cmd);
      EXPECT_EQ(p.cmd->sub_word(p.argv), install) << opt;
      auto q = parse(head(pm) + " " + install + " " + std::string(opt) + " VALUE pkga");
      EXPECT_EQ(operands(q), std::vector<std::string>{"pkga"}) << opt;
    }
    auto plain = parse(head(pm) + " " + install + " pkga");
    EXPECT_EQ(runs_unattended(plain.argv, *plain.cmd), !pm.prompts);
    for (auto y : pm.yes_flags) {
      auto p = parse(head(pm) + " " + install + " " + std::string(y) + " pkga");
      EXPECT_TRUE(runs_unattended(p.argv, *p.cmd)) << y;
    }
    for (auto d : pm.cache_dirs) {
      std::string dir(d);
      if (dir.rfind("~/", 0) == 0) dir = "/root" + dir.substr(1);
      EXPECT_TRUE(mount_covers_cache(pm, "type=cache,target=" + dir)) << d;
      EXPECT_TRUE(mount_covers_cache(pm, "type=tmpfs,target=" + dir)) << d;
      EXPECT_FALSE(mount_covers_cache(pm, "type=bind,target=" + dir)) << d;
      EXPECT_FALSE(mount_covers_cache(pm, "type=cache,target=/srv/elsewhere")) << d;
      EXPECT_TRUE(removes_cache(pm, dir + "/*")) << d;
      EXPECT_TRUE(covers_cache(pm, dir)) << d;
    }
    for (auto c : pm.clean) {
      auto words = split(c);
      words[0] = std::string(pm.programs.front());
      if (!pm.lead.empty()) words.insert(words.begin() + 1, std::string(pm.lead));
      std::vector<std::string_view> argv(words.begin(), words.end());
      EXPECT_TRUE(is_clean_command(pm, argv, 0)) << c;
    }
    if (pm.pin != PinStyle::none && pm.pin != PinStyle::gem && pm.pin != PinStyle::go &&
        pm.pin != PinStyle::composer) {
      EXPECT_EQ(pin_state(pm, "pkga"), PinState::unpinned);
      EXPECT_EQ(pin_state(pm, pin_example(pm, "pkga").replace(pin_example(pm, "pkga").find("<version>"), 9, "1.2")),
                PinState::pinned);
      EXPECT_EQ(package_name(pm, pin_example(pm, "pkga")), "pkga");
    }
    EXPECT_FALSE(pm.cache_name.empty());
    // Only a manager that prompts can be answered through stdin.
    if (pm.yes_from_stdin) EXPECT_TRUE(pm.prompts);
    // A pinning variable is an environment name, and only for a manager with version pins.
    for (auto e : pm.pin_env) {
      EXPECT_NE(pm.pin, PinStyle::none) << e;
      EXPECT_FALSE(e.empty());
      EXPECT_EQ(e.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"), std::string_view::npos) << e;
    }
  }
}

TEST(Packages, PinEnvAndYesFromStdin) {
  const auto* pip = package_manager_named("pip");
  ASSERT_TRUE(pip);
  EXPECT_NE(std::find(pip->pin_env.begin(), pip->pin_env.end(), "PIP_CONSTRAINT"), pip->pin_env.end());
  const auto* uv = package_manager_named("uv pip");
  ASSERT_TRUE(uv);
  EXPECT_NE(std::find(uv->pin_env.begin(), uv->pin_env.end(), "UV_CONSTRAINT"), uv->pin_env.end());
  for (const char* m : {"apt-get", "apt", "aptitude", "dnf", "yum", "zypper"}) {
    const auto* pm = package_manager_named(m);
    ASSERT_TRUE(pm) << m;
    EXPECT_TRUE(pm->yes_from_stdin) << m;
  }
  EXPECT_FALSE(package_manager_named("apk")->yes_from_stdin);  // never prompts
}

TEST(Packages, ShortSubcommandAliases) {
  for (auto line : {"dnf in -y x", "dnf rei -y x", "dnf5 in -y x", "zypper in x", "zypper si x", "npm i x", "gem i x"}) {
    auto p = parse(line);
    ASSERT_TRUE(p.cmd) << line;
    EXPECT_EQ(p.cmd->action, PkgAction::install) << line;
  }
  for (auto line : {"dnf up", "dnf up-min", "dnf upgrade-minimal", "zypper up", "zypper patch"}) {
    auto p = parse(line);
    EXPECT_EQ(p.cmd->action, PkgAction::upgrade) << line;
  }
  EXPECT_EQ(parse("zypper rm x").cmd->action, PkgAction::remove);
  EXPECT_EQ(parse("zypper dup").cmd->action, PkgAction::dist_upgrade);
  EXPECT_EQ(parse("zypper -n dup").cmd->action, PkgAction::dist_upgrade);
  EXPECT_EQ(parse("aptitude install x").cmd->pm, package_manager_named("aptitude"));
}

TEST(Packages, ModuleAndGroupInstalls) {
  auto p = parse("dnf module install -y nodejs:18");
  EXPECT_TRUE(p.cmd->module(p.argv));
  EXPECT_EQ(p.cmd->action, PkgAction::install);
  EXPECT_EQ(operands(p), std::vector<std::string>{"nodejs:18"});
  EXPECT_EQ(pin_state(*p.cmd->pm, "nodejs:18", true), PinState::pinned);
  EXPECT_EQ(pin_state(*p.cmd->pm, "nodejs:18/common", true), PinState::pinned);
  EXPECT_EQ(pin_state(*p.cmd->pm, "nodejs", true), PinState::unpinned);
  auto y = parse("yum module install php");
  EXPECT_TRUE(y.cmd->module(y.argv));
  EXPECT_EQ(y.cmd->action, PkgAction::install);
  auto g = parse("dnf group install -y Development");
  EXPECT_TRUE(g.cmd->group(g.argv));
  EXPECT_EQ(g.cmd->action, PkgAction::install);
}

TEST(Packages, ProgramsAndLeads) {
  EXPECT_EQ(parse("pip2 install x").cmd->pm->name, "pip");
  EXPECT_EQ(parse("pip3.12 install x").cmd->pm->name, "pip");
  EXPECT_EQ(parse("/usr/bin/pip3 install x").cmd->pm->name, "pip");
  EXPECT_EQ(parse("dnf5 install x").cmd->pm->name, "dnf5");
  EXPECT_EQ(parse("pipx install x").cmd->pm->name, "pipx");
  auto py = parse("python3 -m pip install flask");
  ASSERT_TRUE(py.cmd);
  EXPECT_EQ(py.cmd->pm->name, "pip");
  EXPECT_EQ(operands(py), std::vector<std::string>{"flask"});
  auto uv = parse("uv pip install --system flask");
  ASSERT_TRUE(uv.cmd);
  EXPECT_EQ(uv.cmd->pm->name, "uv pip");
  EXPECT_EQ(operands(uv), std::vector<std::string>{"flask"});
  EXPECT_FALSE(parse("uv sync").cmd);
  EXPECT_FALSE(parse("python3 app.py").cmd);
  EXPECT_FALSE(parse("brew install x").cmd);
  EXPECT_EQ(parse("yarn").cmd->action, PkgAction::install);
  EXPECT_EQ(parse("yarn global add x").cmd->action, PkgAction::install);
  EXPECT_EQ(parse("yarn cache clean").cmd->action, PkgAction::clean);
  EXPECT_EQ(parse("go get example.com/x").cmd->action, PkgAction::install);
  EXPECT_EQ(parse("go run example.com/x@latest").cmd->action, PkgAction::run);
}

TEST(Packages, OptionValuesAreNotPackages) {
  EXPECT_EQ(operands(parse("pip install --root-user-action ignore flask")), std::vector<std::string>{"flask"});
  EXPECT_EQ(operands(parse("pip install -i https://x/simple flask")), std::vector<std::string>{"flask"});
  EXPECT_EQ(operands(parse("apt-get -o Dpkg::Options::=--force-confnew install curl")), std::vector<std::string>{"curl"});
  EXPECT_EQ(operands(parse("npm install --prefix /opt x")), std::vector<std::string>{"x"});
  EXPECT_EQ(operands(parse("gem install rails -v 7.1 -- --with-pg")), std::vector<std::string>{"rails"});
  EXPECT_EQ(operands(parse("gem install nokogiri -- --use-system-libraries foo")), std::vector<std::string>{"nokogiri"});
  auto c = parse("pip install -c https://x/constraints.txt flask");
  EXPECT_TRUE(command_pins(c.argv, *c.cmd));
  auto c2 = parse("pip install --constraint=c.txt flask");
  EXPECT_TRUE(command_pins(c2.argv, *c2.cmd));
  auto g = parse("gem install rails -v 7.1");
  EXPECT_TRUE(command_pins(g.argv, *g.cmd));
  auto none = parse("pip install flask");
  EXPECT_FALSE(command_pins(none.argv, *none.cmd));
}

TEST(Packages, YesFlags) {
  auto yes = [](std::string_view line) {
    auto p = parse(line);
    return runs_unattended(p.argv, *p.cmd);
  };
  EXPECT_TRUE(yes("apt-get install -y curl"));
  EXPECT_TRUE(yes("apt-get install -qqy curl"));
  EXPECT_TRUE(yes("apt-get install -qq curl"));
  EXPECT_TRUE(yes("apt-get -q -q install curl"));
  EXPECT_TRUE(yes("apt-get install -q=2 curl"));
  EXPECT_TRUE(yes("apt-get install --quiet --quiet curl"));
  EXPECT_FALSE(yes("apt-get install -q curl"));
  EXPECT_TRUE(yes("apt-get -o APT::Get::Assume-Yes=true install curl"));
  EXPECT_TRUE(yes("dnf --setopt=assumeyes=1 install x"));
  EXPECT_FALSE(yes("microdnf install x"));
  EXPECT_TRUE(yes("microdnf install -y x"));
  EXPECT_TRUE(yes("zypper -n install x"));
  EXPECT_TRUE(yes("zypper --non-interactive in x"));
  EXPECT_TRUE(yes("zypper install -y x"));
  EXPECT_FALSE(yes("zypper install x"));
  EXPECT_FALSE(yes("dnf in x"));
  EXPECT_TRUE(yes("apk add x"));  // apk never asks
}

TEST(Packages, PinSyntax) {
  const auto& apt = *package_manager_named("apt-get");
  EXPECT_EQ(pin_state(apt, "curl=7.88.1-10"), PinState::pinned);
  EXPECT_EQ(pin_state(apt, "curl="), PinState::unpinned);
  EXPECT_EQ(pin_state(apt, "curl"), PinState::unpinned);
  EXPECT_EQ(pin_state(apt, "./local.deb"), PinState::not_a_package);
  EXPECT_EQ(pin_state(apt, "${PKGS}"), PinState::not_a_package);
  const auto& dnf = *package_manager_named("dnf");
  EXPECT_EQ(pin_state(dnf, "httpd-2.4.57"), PinState::pinned);
  EXPECT_EQ(pin_state(dnf, "python3-pip"), PinState::unpinned);
  EXPECT_EQ(pin_state(dnf, "@core"), PinState::not_a_package);
  const auto& apk = *package_manager_named("apk");
  EXPECT_EQ(pin_state(apk, "curl~8.5"), PinState::pinned);
  const auto& pip = *package_manager_named("pip");
  EXPECT_EQ(pin_state(pip, "flask==3.0"), PinState::pinned);
  EXPECT_EQ(pin_state(pip, "flask>=3"), PinState::pinned);
  EXPECT_EQ(pin_state(pip, "flask[async]~=3.0"), PinState::pinned);
  EXPECT_EQ(pin_state(pip, "flask"), PinState::unpinned);
  EXPECT_EQ(pin_state(pip, "pip"), PinState::not_a_package);
  EXPECT_EQ(pin_state(pip, "git+https://github.com/org/repo.git@v1.2"), PinState::pinned);
  EXPECT_EQ(pin_state(pip, "git+https://github.com/org/repo.git"), PinState::unpinned);
  EXPECT_EQ(pin_state(pip, "git+ssh://git@github.com/org/repo.git"), PinState::unpinned);
  EXPECT_EQ(pin_state(pip, "git+ssh://git@github.com/org/repo.git@abc123#egg=repo"), PinState::pinned);
  EXPECT_EQ(pin_state(pip, "./dist/app-1.0-py3-none-any.whl"), PinState::not_a_package);
  EXPECT_EQ(pin_state(pip, "."), PinState::not_a_package);
  const auto& npm = *package_manager_named("npm");
  EXPECT_EQ(pin_state(npm, "express@4.19.2"), PinState::pinned);
  EXPECT_EQ(pin_state(npm, "@types/node@20"), PinState::pinned);
  EXPECT_EQ(pin_state(npm, "@types/node"), PinState::unpinned);
  EXPECT_EQ(pin_state(npm, "./x.tgz"), PinState::not_a_package);
  EXPECT_EQ(pin_state(npm, "x.tgz"), PinState::not_a_package);
  EXPECT_EQ(pin_state(npm, "git+https://github.com/o/r.git#v1"), PinState::pinned);
  EXPECT_EQ(pin_state(npm, "git+https://github.com/o/r.git"), PinState::unpinned);
  EXPECT_EQ(pin_state(npm, "github:o/r"), PinState::unpinned);
  EXPECT_EQ(package_name(npm, "@types/node@20"), "@types/node");
  const auto& gem = *package_manager_named("gem");
  EXPECT_EQ(pin_state(gem, "bundler:2.5.11"), PinState::pinned);
  EXPECT_EQ(pin_state(gem, "bundler"), PinState::unpinned);
  const auto& go = *package_manager_named("go");
  EXPECT_EQ(pin_state(go, "golang.org/x/tools/cmd/goimports@v0.21.0"), PinState::pinned);
  EXPECT_EQ(pin_state(go, "golang.org/x/tools/cmd/goimports@latest"), PinState::unpinned);
  EXPECT_EQ(pin_state(go, "golang.org/x/tools/cmd/goimports"), PinState::unpinned);
  EXPECT_EQ(pin_state(go, "./cmd/app"), PinState::not_a_package);
  EXPECT_EQ(pin_state(go, "main.go"), PinState::not_a_package);
  const auto& composer = *package_manager_named("composer");
  EXPECT_EQ(pin_state(composer, "monolog/monolog:^3.0"), PinState::pinned);
  EXPECT_EQ(pin_state(composer, "monolog/monolog"), PinState::unpinned);
}

TEST(Packages, CacheFoldersAndMounts) {
  const auto& pip = *package_manager_named("pip");
  EXPECT_TRUE(mount_covers_cache(pip, "type=cache,target=/root/.cache/pip"));
  EXPECT_TRUE(mount_covers_cache(pip, "type=cache,target=/root/.cache"));
  EXPECT_TRUE(mount_covers_cache(pip, "type=cache,dst=/home/app/.cache/pip,uid=1000"));
  EXPECT_FALSE(mount_covers_cache(pip, "type=cache,target=/tmp/pip"));
  EXPECT_FALSE(mount_covers_cache(pip, "type=cache,target=/"));
  const auto& apt = *package_manager_named("apt-get");
  EXPECT_TRUE(mount_covers_cache(apt, "type=cache,target=/var/lib/apt,sharing=locked"));
  EXPECT_TRUE(mount_covers_cache(apt, "type=tmpfs,target=/var/lib/apt/lists"));
  EXPECT_FALSE(mount_covers_cache(apt, "type=cache,target=/var/cache/apt"));
  const auto& dnf5 = *package_manager_named("dnf5");
  EXPECT_TRUE(mount_covers_cache(dnf5, "type=cache,target=/var/cache/libdnf5"));
  EXPECT_FALSE(mount_covers_cache(dnf5, "type=cache,target=/var/cache/dnf"));
  EXPECT_EQ(parse_mount("type=cache,target=\"/x\"").target, "/x");
  EXPECT_EQ(parse_mount("target=/x").type, "bind");
  EXPECT_TRUE(removes_cache(*package_manager_named("dnf"), "/var/cache/yum"));
  EXPECT_TRUE(removes_cache(*package_manager_named("yum"), "/var/cache/yum/*"));
  EXPECT_FALSE(removes_cache(*package_manager_named("yum"), "/tmp/*"));
  std::vector<std::string_view> clean{"yum", "-q", "clean", "all"};
  EXPECT_TRUE(is_clean_command(*package_manager_named("yum"), clean, 0));
  std::vector<std::string_view> not_clean{"yum", "install", "clean"};
  EXPECT_TRUE(is_clean_command(*package_manager_named("yum"), not_clean, 0) == false ||
              package_command(std::span<const std::string_view>(not_clean), 0)->action == PkgAction::install);
}

// Every row: each package creates each of its users, pinned or versioned.
TEST(Packages, EveryPackageUserRow) {
  for (const auto& row : package_users()) {
    for (auto u : row.users) {
      EXPECT_TRUE(package_creates_user(row.package, u)) << row.package << " " << u;
      EXPECT_TRUE(package_creates_user(std::string(row.package) + "=1.2-r0", u)) << row.package;
    }
    EXPECT_FALSE(package_creates_user(row.package, "nosuchuser"));
  }
  EXPECT_TRUE(package_creates_user("tor", "tor"));
  EXPECT_TRUE(package_creates_user("mpd", "mpd"));
  EXPECT_TRUE(package_creates_user("postgresql15", "postgres"));
  EXPECT_TRUE(package_creates_user("postgresql-16", "postgres"));
  EXPECT_TRUE(package_creates_user("postgresql16-server", "postgres"));
  EXPECT_FALSE(package_creates_user("torsocks", "tor"));
  EXPECT_FALSE(package_creates_user("curl", "tor"));
}

TEST(Packages, BuildPackages) {
  for (auto p : build_packages()) EXPECT_TRUE(is_build_package(p)) << p;
  for (auto p : {"libpq-dev", "openssl-devel", "linux-headers"}) EXPECT_TRUE(is_build_package(p)) << p;
  for (auto p : {"curl", "libpq5", "ca-certificates", "-dev"}) EXPECT_FALSE(is_build_package(p)) << p;
}

// Every row of the runtime-use table: its package is a build package, each
// program and image finds the row, and neither finds it for another package.
TEST(Packages, EveryRuntimeToolUseRow) {
  ASSERT_FALSE(runtime_tool_uses().empty());
  for (const auto& row : runtime_tool_uses()) {
    SCOPED_TRACE(std::string(row.why));
    EXPECT_TRUE(is_build_package(row.package));
    EXPECT_FALSE(row.why.empty());
    EXPECT_FALSE(row.programs.empty() && row.images.empty());
    for (auto p : row.programs) {
      EXPECT_TRUE(runtime_tool_use(row.package, p, {})) << p;
      EXPECT_FALSE(runtime_tool_use("gcc", p, {})) << p;
    }
    for (auto i : row.images) EXPECT_TRUE(runtime_tool_use(row.package, {}, i)) << i;
  }
  EXPECT_FALSE(runtime_tool_use("git", "server", "alpine"));
  EXPECT_FALSE(runtime_tool_use("git", {}, {}));
}

}  // namespace
}  // namespace dd::kb
