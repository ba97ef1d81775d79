#include "rule_test.h"

namespace dd::test {

TEST(AddInsteadOfCopy, FlagsLocalAdd) {
  auto f = only(lint("FROM alpine:3.20\nADD app.py /app/\n"), "DD1026");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("app.py"), std::string::npos) << f[0].message;
}

TEST(AddInsteadOfCopy, UrlIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nADD https://example.com/x.tgz /tmp/\n"), "DD1026"), 0); }

TEST(AddInsteadOfCopy, ArchiveIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nADD rootfs.tar.gz /\n"), "DD1026"), 0); }

TEST(AddInsteadOfCopy, CopyIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nCOPY app.py /app/\n"), "DD1026"), 0); }

}  // namespace dd::test
