#include "rule_test.h"

namespace dd::test {

TEST(Pipefail, FlagsPipe) {
  auto f = only(lint("FROM debian:12\nRUN curl -fsSL https://x/install.sh | bash\n"), "DD1128");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 37);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("curl"), std::string::npos) << f[0].message;
}

TEST(Pipefail, ShellWithPipefailIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x | bash\n"), "DD1128"), 0); }

TEST(Pipefail, SetPipefailIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN set -eux -o pipefail; curl -fsSL https://x | bash\n"), "DD1128"), 0); }

TEST(Pipefail, EchoPipeIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo 'deb http://x stable main' | tee /etc/apt/sources.list.d/x.list\n"), "DD1128"), 0); }

TEST(Pipefail, PowershellIsClean) { EXPECT_EQ(count(lint("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Item x | Remove-Item\n"), "DD1128"), 0); }

TEST(Pipefail, QuotedBarIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo 'a|b' > /x\n"), "DD1128"), 0); }

}  // namespace dd::test
