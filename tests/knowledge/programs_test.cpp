#include "knowledge/programs.h"

#include <gtest/gtest.h>

namespace dd::kb {
namespace {

std::vector<std::string> words(std::initializer_list<const char*> l) { return {l.begin(), l.end()}; }

// Every wrapper row is stripped, with its options, values and operands.
TEST(Programs, EveryWrapperIsSeenThrough) {
  for (const auto& w : wrappers()) {
    std::vector<std::string> argv{std::string(w.program)};
    if (!w.short_with_value.empty()) {
      argv.push_back(std::string("-") + w.short_with_value[0]);
      argv.push_back("VALUE");
    }
    if (!w.long_with_value.empty()) {
      argv.push_back(std::string(w.long_with_value[0]));
      argv.push_back("VALUE");
      argv.push_back(std::string(w.long_with_value[0]) + "=x");
    }
    if (w.needs_dashdash) argv.push_back("--");
    if (w.assignments) argv.push_back("A=1");
    for (int k = 0; k < w.operands; ++k) argv.push_back("OPERAND");
    argv.push_back("/usr/bin/node");
    argv.push_back("server.js");
    EXPECT_EQ(real_program(argv), argv.size() - 2) << w.program;
    EXPECT_EQ(wrapper(std::string("/usr/bin/") + std::string(w.program)), &w);
    // Wrapped twice.
    std::vector<std::string> twice{"nohup"};
    twice.insert(twice.end(), argv.begin(), argv.end());
    EXPECT_EQ(real_program(twice), twice.size() - 2) << w.program;
  }
  EXPECT_EQ(real_program(words({"stdbuf", "-oL", "apt-get", "install", "curl"})), 2u);
  EXPECT_EQ(real_program(words({"stdbuf", "-o", "L", "apt-get"})), 3u);
  EXPECT_EQ(real_program(words({"sudo", "-u", "app", "-E", "node"})), 4u);
  EXPECT_EQ(real_program(words({"FOO=bar", "BAZ=1", "node"})), 2u);
  EXPECT_EQ(real_program(words({"tini", "--"})), 2u) << "only wrappers: the CMD is the program";
  EXPECT_EQ(real_program(words({"node"})), 0u);
}

TEST(Programs, OptionMatcher) {
  auto a = words({"apt-get", "-qy", "install", "--no-install-recommends", "curl"});
  EXPECT_TRUE(has_option(a, 1, {"-y", "--yes"}));
  EXPECT_TRUE(has_option(a, 1, {"--no-install-recommends"}));
  EXPECT_FALSE(has_option(a, 1, {"-f"}));
  EXPECT_TRUE(has_option(words({"x", "--assume-yes=true"}), 1, {"--assume-yes"}));
  EXPECT_FALSE(has_option(words({"x", "--", "-y"}), 1, {"-y"}));
}

// Every daemon row: its daemonizing form is caught, its foreground form is not.
TEST(Programs, EveryDaemonRowDaemonizesAndHasAForegroundForm) {
  for (const auto& d : daemons()) {
    EXPECT_FALSE(d.fix.empty()) << d.program;
    EXPECT_TRUE(d.by_default || !d.background.empty()) << d.program;
    EXPECT_EQ(daemon(d.program), &d);
    std::vector<std::string> bare{std::string(d.program)};
    EXPECT_EQ(daemon_backgrounds(d, bare, 0), d.by_default) << d.program;
    EXPECT_EQ(daemonizing(bare).has_value(), d.by_default) << d.program;
    for (auto b : d.background) {
      std::vector<std::string> argv{std::string(d.program)};
      size_t sp = b.find(' ');
      argv.push_back(std::string(b.substr(0, sp)));
      if (sp != std::string_view::npos) argv.push_back(std::string(b.substr(sp + 1)));
      auto why = daemonizing(argv);
      ASSERT_TRUE(why) << d.program << " " << b;
      EXPECT_EQ(why->flag, b) << d.program;
      EXPECT_EQ(why->word, 1u) << d.program;
      // An explicit daemonize flag wins over an image that keeps the default in front.
      for (auto img : d.foreground_images) {
        std::string_view path = img.substr(0, img.find(':'));
        EXPECT_TRUE(daemonizing(argv, path, "8.3-fpm")) << d.program << " on " << img;
      }
    }
    for (auto f : d.foreground) {
      std::vector<std::string> argv{std::string(d.program)};
      size_t sp = f.find(' ');
      argv.push_back(std::string(f.substr(0, sp)));
      if (sp != std::string_view::npos) argv.push_back(std::string(f.substr(sp + 1)));
      EXPECT_FALSE(daemonizing(argv)) << d.program << " " << f;
    }
    for (auto img : d.foreground_images) {
      std::string_view path = img.substr(0, img.find(':'));
      EXPECT_FALSE(daemonizing(bare, path, "8.3-fpm-alpine")) << d.program << " on " << img;
    }
  }
  auto m = daemonizing(words({"mongod", "--fork", "--logpath", "/var/log/m.log"}));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->flag, "--fork");
  EXPECT_TRUE(daemonizing(words({"gunicorn", "-D", "app:app"})));
  EXPECT_TRUE(daemonizing(words({"redis-server", "--daemonize=yes"})));
  EXPECT_FALSE(daemonizing(words({"redis-server", "--daemonize", "no"})));
  EXPECT_TRUE(daemonizing(words({"php-fpm", "-D"}), "php", "8.3-fpm"));
  EXPECT_FALSE(daemonizing(words({"php-fpm"}), "php", "8.3-fpm"));
  EXPECT_TRUE(daemonizing(words({"php-fpm"}), "debian", "12-slim"));
  EXPECT_TRUE(daemonizing(words({"nginx", "-g", "daemon on;"})));
  EXPECT_FALSE(daemonizing(words({"nginx", "-g", "daemon off;"})));
  EXPECT_FALSE(daemonizing(words({"httpd", "-f", "-p", "8080"}))) << "busybox httpd -f";
  EXPECT_EQ(daemonizing(words({"httpd", "-p", "8080"}))->fix, "httpd -f -p 8080");
  EXPECT_TRUE(daemonizing(words({"stdbuf", "-oL", "mongod", "--fork"})));
  EXPECT_TRUE(daemonizing(words({"/etc/init.d/nginx", "start"})));
  EXPECT_TRUE(daemonizing(words({"myserver", "--daemon"})));
  EXPECT_FALSE(daemonizing(words({"myserver", "--daemon=false"})));
  EXPECT_FALSE(daemonizing(words({"node", "server.js"})));
}

TEST(Programs, EveryServerOneShotAndSupervisorRow) {
  for (auto s : server_programs()) {
    EXPECT_TRUE(is_server_program(s)) << s;
    EXPECT_TRUE(is_server_program(std::string("/usr/local/bin/") + std::string(s))) << s;
    // flask and bun serve through a subcommand (flask run, bun start), checked below.
    if (s != "flask" && s != "bun") EXPECT_TRUE(is_server_command({"tini", "--", std::string(s), "app"})) << s;
  }
  for (auto s : one_shot_programs()) {
    if (s == "env" || s == "go") continue;  // env is a wrapper first; go is one-shot per subcommand (go build)
    std::vector<std::string> argv{std::string(s)};
    if (s != "sh" && s != "bash" && s != "ash" && s != "dash" && s != "zsh") argv.push_back("x");
    EXPECT_TRUE(is_one_shot_command(argv)) << s;
  }
  for (auto s : supervisors()) EXPECT_TRUE(is_supervisor(std::string("/usr/bin/") + std::string(s))) << s;
  EXPECT_TRUE(is_server_command(words({"npm", "start"})));
  EXPECT_FALSE(is_server_command(words({"npm", "run", "build"})));
  EXPECT_FALSE(is_one_shot_command(words({"sleep", "infinity"})));
  EXPECT_FALSE(is_supervisor("node"));
}

}  // namespace
}  // namespace dd::kb
