// Walks every row of the log-signature and exit-code tables.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/registry.h"
#include "runtime/exit_codes.h"
#include "runtime/signatures.h"

namespace dd::runtime {
namespace {

TEST(Signatures, TableHasAtLeastFiftyRowsWithUniqueIds) {
  std::set<std::string> ids;
  for (const auto& s : signatures()) EXPECT_TRUE(ids.insert(s.id).second) << "duplicate id " << s.id;
  EXPECT_GE(signatures().size(), 50u);
}

TEST(Signatures, EverySampleMatchesItsOwnRowFirst) {
  for (const auto& s : signatures()) {
    auto hit = match_line(s.sample);
    ASSERT_TRUE(hit.has_value()) << s.id << " does not match its sample: " << s.sample;
    EXPECT_STREQ(hit->sig->id, s.id) << "sample of " << s.id << " is won by " << hit->sig->id;
  }
}

TEST(Signatures, EveryRowIsCompleteAndItsRuleRegistered) {
  for (const auto& s : signatures()) {
    SCOPED_TRACE(s.id);
    EXPECT_GT(std::string(s.title).size(), 5u);
    EXPECT_GT(std::string(s.root_cause).size(), 20u);
    EXPECT_GT(std::string(s.fix).size(), 5u);
    const RuleInfo* r = Registry::instance().find(s.rule);
    ASSERT_NE(r, nullptr) << s.rule;
    EXPECT_EQ(r->category, s.category);
    EXPECT_EQ(r->domain, Domain::runtime);
    // A row that names its subject in the texts must capture one.
    bool uses_subject = std::string(s.title).find("{1}") != std::string::npos ||
                        std::string(s.fix).find("{1}") != std::string::npos;
    if (uses_subject) {
      EXPECT_FALSE(match_line(s.sample)->subject.empty()) << "no subject captured";
    }
  }
}

TEST(Signatures, SubjectsAreExtractedWithoutQuotes) {
  EXPECT_EQ(match_line("Error: EACCES: permission denied, open '/app/logs/app.log'")->subject, "/app/logs/app.log");
  EXPECT_EQ(match_line("mkdir: cannot create directory \xe2\x80\x98/data\xe2\x80\x99: Permission denied")->subject, "/data");
  EXPECT_EQ(match_line("/app: error while loading shared libraries: libpq.so.5: cannot open shared object file")->subject,
            "libpq.so.5");
  EXPECT_EQ(match_line("sh: DB_HOST: DB_HOST is not set")->subject, "DB_HOST");
  EXPECT_EQ(match_line("Error: connect ECONNREFUSED 127.0.0.1:5432")->subject, "127.0.0.1:5432");
}

TEST(Signatures, OrdinaryLinesMatchNothing) {
  for (const char* l : {"Listening on port 8080", "GET /health 200 1ms", "Starting server...", "", "connected to db",
                        "INFO  Application started in 2.3 seconds"})
    EXPECT_FALSE(match_line(l).has_value()) << l;
}

TEST(Signatures, HugeAndBinaryLinesDoNotCrash) {
  std::string big(1 << 20, 'a');
  big += "Segmentation fault";
  EXPECT_FALSE(match_line(big).has_value());  // cut at 4 KiB before matching
  std::string bin("\x00\xff\x01Permission denied\x00", 21);
  EXPECT_TRUE(match_line(bin).has_value());
}

TEST(ExitCodes, EveryRowIsCompleteAndRegistered) {
  for (const auto& e : exit_codes()) {
    SCOPED_TRACE(e.code);
    const RuleInfo* r = Registry::instance().find(e.rule);
    ASSERT_NE(r, nullptr) << e.rule;
    EXPECT_EQ(r->category, e.category);
    EXPECT_GT(std::string(e.root_cause).size(), 20u);
    EXPECT_GT(std::string(e.fix).size(), 5u);
    for (std::string a = e.absorbs; !a.empty();) {
      std::string id = a.substr(0, a.find(','));
      bool found = false;
      for (const auto& s : signatures()) found = found || id == s.id;
      EXPECT_TRUE(found) << "absorbs unknown signature " << id;
      a = a.find(',') == std::string::npos ? "" : a.substr(a.find(',') + 1);
    }
  }
}

TEST(ExitCodes, LookupDistinguishesOomAndSignals) {
  EXPECT_EQ(lookup_exit(137, true)->category, Category::oom_killed);
  EXPECT_STREQ(lookup_exit(137, false)->rule, "DD5007");
  EXPECT_STREQ(lookup_exit(139, false)->meaning, "SIGSEGV");
  EXPECT_STREQ(lookup_exit(143, false)->meaning, "SIGTERM");
  EXPECT_STREQ(lookup_exit(134, false)->meaning, "SIGABRT");
  EXPECT_STREQ(lookup_exit(127, false)->rule, "DD5005");
  EXPECT_STREQ(lookup_exit(126, false)->rule, "DD5004");
  EXPECT_STREQ(lookup_exit(125, false)->rule, "DD5003");
  EXPECT_STREQ(lookup_exit(42, false)->rule, "DD5002");
  EXPECT_STREQ(lookup_exit(129, false)->rule, "DD5008");  // SIGHUP: another signal
  EXPECT_EQ(lookup_exit(0, false)->category, Category::exits_immediately);
  EXPECT_STREQ(signal_name(9), "SIGKILL");
  EXPECT_STREQ(signal_name(99), "");
}

}  // namespace
}  // namespace dd::runtime
