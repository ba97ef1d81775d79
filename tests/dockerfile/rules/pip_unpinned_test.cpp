#include "rule_test.h"

namespace dd::test {

TEST(PipUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM python:3.12\nRUN pip install --no-cache-dir flask requests==2.31\n"), "DD1107");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 32);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("flask"), std::string::npos) << f[0].message;
}

TEST(PipUnpinned, RequirementsFileIsClean) { EXPECT_EQ(count(lint("FROM python:3.12\nRUN pip install -r requirements.txt\n"), "DD1107"), 0); }

TEST(PipUnpinned, UpgradePipIsClean) { EXPECT_EQ(count(lint("FROM python:3.12\nRUN pip install --upgrade pip && pip install 'django>=4.2,<5'\n"), "DD1107"), 0); }

TEST(PipUnpinned, LocalPathIsClean) { EXPECT_EQ(count(lint("FROM python:3.12\nRUN pip install .\n"), "DD1107"), 0); }

}  // namespace dd::test

namespace dd::test {

TEST(PipUnpinned, PythonDashMPipIsChecked) {
  auto f = only(lint("FROM python:3.12\nRUN python3 -m pip install --no-cache-dir flask\n"), "DD1107");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 43);
}

}  // namespace dd::test
