#include "dockerfile/parser.h"

#include <gtest/gtest.h>

#include <string>

namespace dd::dockerfile {
namespace {

Pos P(int l, int c) { return {l, c}; }

::testing::AssertionResult at(const Range& r, int bl, int bc, int el, int ec) {
  if (r.begin == P(bl, bc) && r.end == P(el, ec)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "range is " << r.begin.line << ":" << r.begin.column << "-" << r.end.line
                                       << ":" << r.end.column << ", expected " << bl << ":" << bc << "-" << el << ":"
                                       << ec;
}

std::string errors_of(const Dockerfile& df) {
  std::string s;
  for (const auto& e : df.errors)
    s += std::to_string(e.range.begin.line) + ":" + std::to_string(e.range.begin.column) + " " + e.message + "\n";
  return s;
}

TEST(Parser, BasicInstructionsAndPositions) {
  auto df = parse("FROM alpine:3.20 AS build\n  run  apk add curl\nCMD [\"curl\", \"-f\"]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 3u);
  const auto& from = df.instructions[0];
  EXPECT_EQ(from.keyword, "FROM");
  EXPECT_TRUE(at(from.keyword_range, 1, 1, 1, 5));
  ASSERT_EQ(from.args.size(), 3u);
  EXPECT_TRUE(at(from.args[0].range, 1, 6, 1, 17));
  const auto& run = df.instructions[1];
  EXPECT_EQ(run.keyword, "RUN");
  EXPECT_TRUE(at(run.keyword_range, 2, 3, 2, 6));
  EXPECT_EQ(run.args_text, "apk add curl");
  EXPECT_TRUE(at(run.args_range, 2, 8, 2, 20));
  EXPECT_FALSE(run.exec_form);
  ASSERT_EQ(run.args.size(), 3u);
  EXPECT_EQ(run.args[2].text, "curl");
  EXPECT_TRUE(at(run.args[2].range, 2, 16, 2, 20));
  EXPECT_TRUE(at(run.range, 2, 3, 2, 20));
  EXPECT_EQ(run.stage, 0);
  EXPECT_EQ(run.index, 1u);
  const auto& cmd = df.instructions[2];
  EXPECT_TRUE(cmd.exec_form);
  ASSERT_EQ(cmd.args.size(), 2u);
  EXPECT_EQ(cmd.args[1].text, "-f");
  EXPECT_TRUE(at(cmd.args[1].range, 3, 14, 3, 18));
  ASSERT_EQ(df.stages.size(), 1u);
  EXPECT_EQ(df.stages[0].name, "build");
  EXPECT_EQ(df.stages[0].instructions.size(), 3u);
  ASSERT_EQ(df.lines.size(), 3u);
  EXPECT_EQ(df.lines[1], "  run  apk add curl");
}

TEST(Parser, ContinuationWithCommentAndBlankLines) {
  std::string src =
      "FROM debian\n"
      "RUN apt-get update && \\\n"
      "    # a comment inside\n"
      "\n"
      "    apt-get install -y curl\n"
      "USER app\n";
  auto df = parse(src);
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 3u);
  const auto& run = df.instructions[1];
  EXPECT_EQ(run.args_text, "apt-get update &&     apt-get install -y curl");
  EXPECT_TRUE(at(run.range, 2, 1, 5, 28));
  // "install" is on line 5, column 13.
  size_t off = run.args_text.find("install");
  EXPECT_EQ(run.args_map.at(off), P(5, 13));
  EXPECT_TRUE(at(run.args_map.range(off, off + 7), 5, 13, 5, 20));
  EXPECT_EQ(run.args_map.at(0), P(2, 5));
  ASSERT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments[0].text, "a comment inside");
  EXPECT_EQ(df.comments[0].line, 3);
  EXPECT_EQ(df.instructions[2].keyword, "USER");
  EXPECT_EQ(df.instructions[2].range.begin.line, 6);
}

TEST(Parser, EscapeDirectiveBacktick) {
  std::string src =
      "# escape=`\n"
      "FROM mcr.microsoft.com/windows/servercore\n"
      "RUN dir c:\\ `\n"
      "    && echo done\n"
      "COPY . c:\\app\\\n";
  auto df = parse(src);
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  EXPECT_EQ(df.escape, '`');
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].name, "escape");
  EXPECT_EQ(df.directives[0].value, "`");
  EXPECT_TRUE(df.comments.empty());
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[1].args_text, "dir c:\\     && echo done");
  // A backslash at the end is not a continuation with escape=`.
  EXPECT_EQ(df.instructions[2].args_text, ". c:\\app\\");
  EXPECT_EQ(df.instructions[2].range.end.line, 5);
}

TEST(Parser, DirectivesOnlyAtTheTop) {
  auto df = parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\n# hello\n# escape=`\nFROM a\nRUN x \\\n y\n");
  ASSERT_EQ(df.directives.size(), 2u);
  EXPECT_EQ(df.directives[0].name, "syntax");
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1.7");
  EXPECT_EQ(df.directives[1].name, "check");
  EXPECT_EQ(df.directives[1].value, "skip=all");
  EXPECT_EQ(df.escape, '\\');
  ASSERT_EQ(df.comments.size(), 2u);
  EXPECT_EQ(df.comments[1].text, "escape=`");
  EXPECT_EQ(df.instructions[1].args_text, "x  y");
}

TEST(Parser, HadolintPragmaIsAComment) {
  auto df = parse("FROM debian\n  # hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl\n");
  ASSERT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments[0].text, "hadolint ignore=DL3008,DL3015");
  EXPECT_EQ(df.comments[0].line, 2);
}

TEST(Parser, KeywordsAreCaseInsensitive) {
  auto df = parse("from alpine\nWorkDir /app\nonbuild run make\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  EXPECT_EQ(df.instructions[0].keyword, "FROM");
  EXPECT_EQ(df.instructions[1].keyword, "WORKDIR");
  EXPECT_EQ(df.instructions[2].keyword, "ONBUILD");
  ASSERT_TRUE(df.instructions[2].child);
  EXPECT_EQ(df.instructions[2].child->keyword, "RUN");
}

TEST(Parser, InvalidJsonFallsBackToShellForm) {
  auto df = parse("FROM a\nCMD [\"a\", 'b']\nENTRYPOINT [\"x\",]\nRUN [\"echo\", \"hi\"] extra\nCMD [ \"ok\" ]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  EXPECT_FALSE(df.instructions[1].exec_form);
  EXPECT_EQ(df.instructions[1].args_text, "[\"a\", 'b']");
  ASSERT_EQ(df.instructions[1].args.size(), 2u);
  EXPECT_EQ(df.instructions[1].args[0].text, "[\"a\",");
  EXPECT_FALSE(df.instructions[2].exec_form);
  EXPECT_FALSE(df.instructions[3].exec_form);
  EXPECT_TRUE(df.instructions[4].exec_form);
  ASSERT_EQ(df.instructions[4].args.size(), 1u);
  EXPECT_EQ(df.instructions[4].args[0].text, "ok");
  EXPECT_TRUE(at(df.instructions[4].args[0].range, 5, 7, 5, 11));
}

TEST(Parser, JsonWithNonStringsIsAnError) {
  auto df = parse("FROM a\nCMD [\"a\", 1]\n");
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_EQ(df.errors[0].range.begin.line, 2);
}

TEST(Parser, JsonEscapesAndUnicodeDecoded) {
  auto df = parse("FROM a\nCMD [\"a\\\"b\", \"\\u00e9\\n\", \"c\\\\d\"]\n");
  ASSERT_TRUE(df.instructions[1].exec_form);
  EXPECT_EQ(df.instructions[1].args[0].text, "a\"b");
  EXPECT_EQ(df.instructions[1].args[1].text, "\xC3\xA9\n");
  EXPECT_EQ(df.instructions[1].args[2].text, "c\\d");
}

TEST(Parser, ExecFormAcrossContinuationLines) {
  auto df = parse("FROM a\nENTRYPOINT [\"tini\", \\\n  \"--\", \\\n  \"node\"]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& e = df.instructions[1];
  ASSERT_TRUE(e.exec_form);
  ASSERT_EQ(e.args.size(), 3u);
  EXPECT_TRUE(at(e.args[1].range, 3, 3, 3, 7));
  EXPECT_TRUE(at(e.args[2].range, 4, 3, 4, 9));
}

TEST(Parser, HeredocBasic) {
  std::string src =
      "FROM debian\n"
      "RUN <<EOF\n"
      "apt-get update\n"
      "apt-get install -y curl\n"
      "EOF\n"
      "CMD [\"bash\"]\n";
  auto df = parse(src);
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 3u);
  const auto& run = df.instructions[1];
  ASSERT_EQ(run.heredocs.size(), 1u);
  const auto& h = run.heredocs[0];
  EXPECT_EQ(h.name, "EOF");
  EXPECT_FALSE(h.quoted);
  EXPECT_FALSE(h.strip_tabs);
  EXPECT_EQ(h.body, "apt-get update\napt-get install -y curl\n");
  EXPECT_TRUE(at(h.range, 3, 1, 5, 4));
  size_t off = h.body.find("install");
  EXPECT_EQ(h.body_map.at(off), P(4, 9));
  EXPECT_TRUE(at(run.range, 2, 1, 5, 4));
  EXPECT_EQ(run.args_text, "<<EOF");
  EXPECT_EQ(df.instructions[2].keyword, "CMD");
  EXPECT_EQ(df.instructions[2].range.begin.line, 6);
}

TEST(Parser, HeredocStripTabsQuotedAndSeveral) {
  std::string src =
      "FROM debian\n"
      "COPY <<-\"A\" /a <<'B' /b\n"
      "\t\tline $x\n"
      "\tA\n"
      "second\n"
      "B\n"
      "RUN cat <<X > /f\n"
      "# not a comment\n"
      "X\n";
  auto df = parse(src);
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 3u);
  const auto& copy = df.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].name, "A");
  EXPECT_TRUE(copy.heredocs[0].strip_tabs);
  EXPECT_TRUE(copy.heredocs[0].quoted);
  EXPECT_EQ(copy.heredocs[0].body, "line $x\n");
  EXPECT_EQ(copy.heredocs[0].body_map.at(0), P(3, 3));
  EXPECT_EQ(copy.heredocs[1].name, "B");
  EXPECT_TRUE(copy.heredocs[1].quoted);
  EXPECT_EQ(copy.heredocs[1].body, "second\n");
  EXPECT_TRUE(at(copy.heredocs[1].range, 5, 1, 6, 2));
  EXPECT_EQ(copy.range.end.line, 6);
  const auto& run = df.instructions[2];
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].body, "# not a comment\n");
  EXPECT_TRUE(df.comments.empty());
}

TEST(Parser, HeredocNotInExecFormOrQuotes) {
  auto df = parse("FROM a\nRUN [\"sh\", \"-c\", \"cat <<EOF\"]\nRUN echo \"<<EOF\"\nCMD x\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 4u);
  EXPECT_TRUE(df.instructions[1].heredocs.empty());
  EXPECT_TRUE(df.instructions[2].heredocs.empty());
}

TEST(Parser, UnterminatedHeredocIsReportedAndParsingGoesOn) {
  auto df = parse("FROM a\nRUN <<EOF\necho hi\nCMD x\n");
  ASSERT_GE(df.errors.size(), 1u);
  EXPECT_NE(df.errors[0].message.find("unterminated heredoc"), std::string::npos);
  EXPECT_TRUE(at(df.errors[0].range, 2, 5, 2, 10));
  EXPECT_EQ(df.instructions.back().keyword, "CMD");
}

TEST(Parser, HeredocOnOnbuild) {
  auto df = parse("FROM a\nONBUILD RUN <<EOF\nmake\nEOF\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 2u);
  ASSERT_TRUE(df.instructions[1].child);
  ASSERT_EQ(df.instructions[1].child->heredocs.size(), 1u);
  EXPECT_EQ(df.instructions[1].child->heredocs[0].body, "make\n");
}

TEST(Parser, Onbuild) {
  auto df = parse("FROM a\nONBUILD COPY --chown=1:1 . /app\nONBUILD ONBUILD RUN x\nONBUILD FROM b\n");
  const auto& ob = df.instructions[1];
  ASSERT_TRUE(ob.child);
  EXPECT_EQ(ob.child->keyword, "COPY");
  EXPECT_TRUE(at(ob.child->keyword_range, 2, 9, 2, 13));
  ASSERT_NE(ob.child->flag("chown"), nullptr);
  EXPECT_EQ(ob.child->flag("chown")->value, "1:1");
  EXPECT_TRUE(at(ob.child->flag("chown")->range, 2, 14, 2, 25));
  ASSERT_EQ(ob.child->args.size(), 2u);
  EXPECT_EQ(ob.child->args[1].text, "/app");
  EXPECT_EQ(ob.child->stage, 0);
  EXPECT_EQ(ob.args_text, "COPY --chown=1:1 . /app");
  EXPECT_EQ(df.errors.size(), 2u) << errors_of(df);
}

TEST(Parser, Healthcheck) {
  auto df = parse(
      "FROM a\n"
      "HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 \\\n"
      "  CMD curl -f http://localhost/ || exit 1\n"
      "HEALTHCHECK NONE\n"
      "HEALTHCHECK CMD [\"/bin/check\", \"--fast\"]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& h = df.instructions[1];
  EXPECT_EQ(h.subtype, "CMD");
  ASSERT_EQ(h.flags.size(), 5u);
  EXPECT_EQ(h.flag("interval")->value, "30s");
  EXPECT_EQ(h.flag("retries")->value, "3");
  EXPECT_EQ(h.flag("start-interval")->value, "1s");
  EXPECT_EQ(h.args_text, "curl -f http://localhost/ || exit 1");
  EXPECT_FALSE(h.exec_form);
  EXPECT_EQ(h.args_map.at(0), P(3, 7));
  ASSERT_GE(h.args.size(), 1u);
  EXPECT_EQ(h.args[0].text, "curl");
  EXPECT_TRUE(at(h.args[0].range, 3, 7, 3, 11));
  EXPECT_EQ(df.instructions[2].subtype, "NONE");
  EXPECT_EQ(df.instructions[2].args_text, "NONE");
  const auto& e = df.instructions[3];
  EXPECT_TRUE(e.exec_form);
  ASSERT_EQ(e.args.size(), 2u);
  EXPECT_EQ(e.args[0].text, "/bin/check");
}

TEST(Parser, HealthcheckErrors) {
  auto df = parse("FROM a\nHEALTHCHECK NONE x\nHEALTHCHECK CURL x\nHEALTHCHECK --bogus=1 CMD x\n");
  EXPECT_EQ(df.errors.size(), 3u) << errors_of(df);
}

TEST(Parser, RunFlags) {
  auto df = parse(
      "FROM a\n"
      "RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm,target=/root/.npmrc \\\n"
      "    --mount=type=bind,source=.,target=/src --mount=type=tmpfs,target=/tmp --mount=type=ssh \\\n"
      "    --network=none --security=insecure make\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& r = df.instructions[1];
  ASSERT_EQ(r.flags.size(), 7u);
  EXPECT_EQ(r.flags[0].name, "mount");
  EXPECT_EQ(r.flags[0].value, "type=cache,target=/root/.cache");
  EXPECT_TRUE(at(r.flags[0].range, 2, 5, 2, 43));
  EXPECT_EQ(r.flags[2].value, "type=bind,source=.,target=/src");
  EXPECT_TRUE(at(r.flags[2].range, 3, 5, 3, 43));
  EXPECT_EQ(r.flag("network")->value, "none");
  EXPECT_EQ(r.flag("security")->value, "insecure");
  EXPECT_EQ(r.args_text, "make");
  EXPECT_TRUE(at(r.args_range, 4, 40, 4, 44));
}

TEST(Parser, CopyAndAddFlags) {
  auto df = parse(
      "FROM a AS b\n"
      "FROM c\n"
      "COPY --from=b --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=.git ./src/ /app/\n"
      "ADD --checksum=sha256:abc --keep-git-dir=true --link=false --chown=1 --chmod=644 --exclude=x "
      "https://example.com/a.tgz /a/\n"
      "COPY --from=\"b\" [\"a b\", \"/c d/\"]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& c = df.instructions[2];
  EXPECT_EQ(c.flag("from")->value, "b");
  EXPECT_EQ(c.flag("chown")->value, "app:app");
  EXPECT_EQ(c.flag("chmod")->value, "0755");
  EXPECT_FALSE(c.flag("link")->has_value);
  EXPECT_NE(c.flag("parents"), nullptr);
  EXPECT_EQ(c.flags.size(), 7u);
  ASSERT_EQ(c.args.size(), 2u);
  EXPECT_EQ(c.args[0].text, "./src/");
  const auto& a = df.instructions[3];
  EXPECT_EQ(a.flag("checksum")->value, "sha256:abc");
  EXPECT_EQ(a.flag("keep-git-dir")->value, "true");
  EXPECT_EQ(a.flag("link")->value, "false");
  const auto& j = df.instructions[4];
  EXPECT_EQ(j.flag("from")->value, "b");
  EXPECT_TRUE(j.exec_form);
  EXPECT_EQ(j.args[1].text, "/c d/");
}

TEST(Parser, BadFlags) {
  auto df = parse("FROM a\nCOPY --checksum=x a b\nRUN --mount make\nCOPY --link=maybe a b\nCOPY --from=a --from=b x y\nRUN --=x y\n");
  ASSERT_EQ(df.errors.size(), 5u) << errors_of(df);
  EXPECT_TRUE(at(df.errors[0].range, 2, 6, 2, 18));
  EXPECT_NE(df.errors[0].message.find("checksum"), std::string::npos);
  EXPECT_NE(df.errors[1].message.find("missing a value"), std::string::npos);
  EXPECT_EQ(df.instructions.size(), 6u);
}

TEST(Parser, FromPlatformAndStages) {
  auto df = parse(
      "ARG VER=20\n"
      "ARG BASE=node:${VER}-alpine\n"
      "FROM --platform=$BUILDPLATFORM ${BASE} AS Deps\n"
      "RUN npm ci\n"
      "FROM deps AS build\n"
      "FROM 0\n"
      "FROM scratch\n"
      "COPY --from=build /app /app\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.stages.size(), 4u);
  EXPECT_EQ(df.global_args.size(), 2u);
  const auto& s0 = df.stages[0];
  EXPECT_EQ(s0.name, "deps");
  EXPECT_EQ(s0.base, "${BASE}");
  EXPECT_EQ(s0.base_expanded, "node:20-alpine");
  EXPECT_EQ(s0.platform, "$BUILDPLATFORM");
  EXPECT_FALSE(s0.base_stage);
  EXPECT_TRUE(at(s0.base_range, 3, 32, 3, 39));
  EXPECT_TRUE(at(s0.name_range, 3, 43, 3, 47));
  EXPECT_EQ(df.stages[1].base_stage, 0);
  EXPECT_EQ(df.stages[2].base_stage, 0);
  EXPECT_FALSE(df.stages[3].base_stage);
  EXPECT_EQ(df.stages[3].instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].stage, -1);
  EXPECT_EQ(df.instructions[3].stage, 0);
  EXPECT_EQ(df.instructions[7].stage, 3);
  EXPECT_EQ(df.stage_named("build"), &df.stages[1]);
  EXPECT_EQ(df.stage_named("2"), &df.stages[2]);
  EXPECT_EQ(df.final_stage(), &df.stages[3]);
}

TEST(Parser, FromErrors) {
  auto df = parse("RUN x\nFROM\nFROM a b\nFROM a AS 1bad\nFROM a AS x\nFROM b AS x\n");
  ASSERT_EQ(df.errors.size(), 5u) << errors_of(df);
  EXPECT_TRUE(at(df.errors[0].range, 1, 1, 1, 4));
  EXPECT_TRUE(at(df.errors[1].range, 2, 1, 2, 5));
  EXPECT_EQ(df.errors[2].range.begin.line, 3);
  EXPECT_EQ(df.errors[3].range.begin.line, 4);
  EXPECT_EQ(df.errors[4].range.begin.line, 6);
  EXPECT_EQ(df.stages.size(), 5u);
}

TEST(Parser, EnvForms) {
  auto df = parse(
      "FROM a\n"
      "ENV A=1 B=\"two words\" C='$lit' D=x\\ y\n"
      "ENV LEGACY some value here\n"
      "ENV PATH=/x:$PATH\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& e = df.instructions[1];
  ASSERT_EQ(e.pairs.size(), 4u);
  EXPECT_EQ(e.pairs[0].key, "A");
  EXPECT_EQ(e.pairs[0].value, "1");
  EXPECT_TRUE(at(e.pairs[0].key_range, 2, 5, 2, 6));
  EXPECT_TRUE(at(e.pairs[0].value_range, 2, 7, 2, 8));
  EXPECT_EQ(e.pairs[1].value, "two words");
  EXPECT_EQ(e.pairs[1].raw_value, "\"two words\"");
  EXPECT_TRUE(at(e.pairs[1].value_range, 2, 11, 2, 22));
  EXPECT_EQ(e.pairs[2].value, "$lit");
  EXPECT_EQ(e.pairs[3].value, "x y");
  const auto& l = df.instructions[2];
  ASSERT_EQ(l.pairs.size(), 1u);
  EXPECT_EQ(l.pairs[0].key, "LEGACY");
  EXPECT_EQ(l.pairs[0].value, "some value here");
  EXPECT_TRUE(at(l.pairs[0].value_range, 3, 12, 3, 27));
  EXPECT_EQ(df.instructions[3].pairs[0].value, "/x:$PATH");
}

TEST(Parser, EnvErrors) {
  auto df = parse("FROM a\nENV ONLY\nENV A=1 B\nENV\n");
  EXPECT_EQ(df.errors.size(), 3u) << errors_of(df);
}

TEST(Parser, LabelAndArg) {
  auto df = parse(
      "ARG A B=2 C=\"x y\"\n"
      "FROM a\n"
      "LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 \\\n"
      "      description=\"multi\"\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  const auto& arg = df.instructions[0];
  ASSERT_EQ(arg.pairs.size(), 3u);
  EXPECT_EQ(arg.pairs[0].key, "A");
  EXPECT_FALSE(arg.pairs[0].has_value);
  EXPECT_EQ(arg.pairs[1].value, "2");
  EXPECT_EQ(arg.pairs[2].value, "x y");
  const auto& l = df.instructions[2];
  ASSERT_EQ(l.pairs.size(), 3u);
  EXPECT_EQ(l.pairs[0].key, "com.example.vendor");
  EXPECT_EQ(l.pairs[0].value, "ACME Inc");
  EXPECT_EQ(l.pairs[2].key, "description");
  EXPECT_TRUE(at(l.pairs[2].key_range, 4, 7, 4, 18));
}

TEST(Parser, OtherInstructions) {
  auto df = parse(
      "FROM a\nMAINTAINER Jane <j@x>\nEXPOSE 80/tcp 443\nVOLUME [\"/data\"]\nVOLUME /a /b\nUSER 1000:1000\n"
      "WORKDIR /app\nSTOPSIGNAL SIGTERM\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  EXPECT_EQ(df.instructions[1].args_text, "Jane <j@x>");
  EXPECT_EQ(df.instructions[2].args.size(), 2u);
  EXPECT_TRUE(df.instructions[3].exec_form);
  EXPECT_EQ(df.instructions[4].args.size(), 2u);
  EXPECT_EQ(df.instructions[5].args[0].text, "1000:1000");
  EXPECT_EQ(df.instructions[8].args.size(), 4u);
  EXPECT_TRUE(df.instructions[8].exec_form);
}

TEST(Parser, ShellMustBeJson) {
  auto df = parse("FROM a\nSHELL /bin/bash -c\n");
  EXPECT_EQ(df.errors.size(), 1u);
}

TEST(Parser, UnknownInstructionKeepsGoing) {
  auto df = parse("FROM a\nFOO bar\nRUN ok\n");
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_TRUE(at(df.errors[0].range, 2, 1, 2, 4));
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[1].keyword, "FOO");
  EXPECT_EQ(df.instructions[2].keyword, "RUN");
}

TEST(Parser, BinaryContent) {
  std::string src = "FROM a\nRUN x\n";
  src += std::string("\x00\x01\xff garbage\n", 12);
  src += "CMD y\n";
  auto df = parse(src);
  ASSERT_EQ(df.errors.size(), 1u) << errors_of(df);
  EXPECT_EQ(df.errors[0].range.begin.line, 3);
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[2].keyword, "CMD");
}

TEST(Parser, InvalidUtf8) {
  auto df = parse("FROM a\nLABEL x=\"\xc3\x28\"\nRUN \xe2\x82\xac ok\n");
  ASSERT_EQ(df.errors.size(), 1u) << errors_of(df);
  EXPECT_EQ(df.errors[0].range.begin.line, 2);
  EXPECT_EQ(df.instructions.size(), 2u);
}

TEST(Parser, CrlfAndBom) {
  auto df = parse("\xEF\xBB\xBF" "FROM a\r\nRUN x \\\r\n  y\r\n");
  ASSERT_EQ(df.errors.size(), 0u) << errors_of(df);
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_TRUE(at(df.instructions[0].keyword_range, 1, 4, 1, 8));
  EXPECT_EQ(df.instructions[1].args_text, "x   y");
  EXPECT_EQ(df.lines[1], "RUN x \\");
}

TEST(Parser, EmptyAndWhitespaceInput) {
  EXPECT_TRUE(parse("").instructions.empty());
  EXPECT_TRUE(parse("\n\n   \n# only a comment\n").instructions.empty());
  auto df = parse("FROM a\nRUN x \\");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args_text, "x");
}

TEST(Parser, HugeInputIsBounded) {
  std::string big;
  // Unterminated heredocs with distinct names: each must not rescan the file.
  for (int i = 0; i < 50000; ++i) big += "RUN <<EOF" + std::to_string(i) + "\n";
  auto df = parse("FROM a\n" + big);
  EXPECT_EQ(df.instructions.size(), 50001u);
  EXPECT_LE(df.errors.size(), 1001u);
  std::string huge(5u << 20, 'a');
  auto d2 = parse("FROM a\n" + huge + "\nRUN x\n");
  ASSERT_EQ(d2.errors.size(), 1u);
  EXPECT_NE(d2.errors[0].message.find("too large"), std::string::npos);
  EXPECT_EQ(d2.errors[0].range.begin.line, 2);
  EXPECT_EQ(d2.instructions.size(), 1u);
  auto d3 = parse("FROM a\n" + std::string(100000, 'k') + " x\nRUN y\n");
  ASSERT_EQ(d3.errors.size(), 1u);
  EXPECT_LT(d3.errors[0].message.size(), 80u);
  EXPECT_EQ(d3.instructions.size(), 3u);
}

TEST(Parser, OneArgPerWordWithQuotes) {
  auto df = parse("FROM a\nRUN echo \"a b\" 'c d' e\\ f\n");
  const auto& r = df.instructions[1];
  ASSERT_EQ(r.args.size(), 4u);
  EXPECT_EQ(r.args[1].text, "\"a b\"");
  EXPECT_EQ(r.args[2].text, "'c d'");
  EXPECT_EQ(r.args[3].text, "e\\ f");
  EXPECT_TRUE(at(r.args[3].range, 2, 22, 2, 26));
}

}  // namespace
}  // namespace dd::dockerfile

namespace dd::dockerfile {
namespace {

TEST(Parser, ScriptMapCoversHeredocBodies) {
  auto df = parse("FROM a\nRUN bash <<EOF\n  apt-get update\nEOF\n");
  const auto& run = df.instructions[1];
  std::string script = run.args_text;
  for (const auto& h : run.heredocs) script += "\n" + h.body;
  auto m = run.script_map();
  size_t off = script.find("update");
  EXPECT_EQ(m.at(off), (Pos{3, 11}));
  EXPECT_EQ(m.at(0), (Pos{2, 5}));
  auto plain = parse("FROM a\nRUN make all\n");
  EXPECT_EQ(plain.instructions[1].script_map().at(5), (Pos{2, 10}));
}

}  // namespace
}  // namespace dd::dockerfile

TEST(Parser, KindMatchesKeyword) {
  auto df = dd::dockerfile::parse(
      "FROM a AS b\nrun x\nCMD x\nLABEL a=b\nMAINTAINER m\nEXPOSE 1\nENV a=b\nADD a b\nCOPY a b\nENTRYPOINT x\n"
      "VOLUME /v\nUSER u\nWORKDIR /w\nARG a\nONBUILD RUN x\nSTOPSIGNAL 9\nHEALTHCHECK NONE\nSHELL [\"sh\"]\nBOGUS x\n");
  using dd::dockerfile::Kw;
  const std::vector<Kw> want = {Kw::FROM,    Kw::RUN,        Kw::CMD,    Kw::LABEL,       Kw::MAINTAINER,
                                Kw::EXPOSE,  Kw::ENV,        Kw::ADD,    Kw::COPY,        Kw::ENTRYPOINT,
                                Kw::VOLUME,  Kw::USER,       Kw::WORKDIR, Kw::ARG,        Kw::ONBUILD,
                                Kw::STOPSIGNAL, Kw::HEALTHCHECK, Kw::SHELL, Kw::other};
  ASSERT_EQ(df.instructions.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(df.instructions[i].kind, want[i]) << df.instructions[i].keyword;
  EXPECT_EQ(df.instructions[14].child->kind, Kw::RUN);
}
