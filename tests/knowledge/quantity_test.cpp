#include "knowledge/quantity.h"

#include <gtest/gtest.h>

using dd::kb::parse_memory;
using dd::kb::QuantityDialect;

namespace {
constexpr int64_t Ki = 1024, Mi = Ki * Ki, Gi = Mi * Ki;

// Every row: text, dialect, bytes (-1: not a quantity of that dialect).
struct Row {
  const char* text;
  QuantityDialect dialect;
  int64_t bytes;
};
const Row kRows[] = {
    {"768Mi", QuantityDialect::kubernetes, 768 * Mi},
    {"1.5Gi", QuantityDialect::kubernetes, 1536 * Mi},
    {"128974848", QuantityDialect::kubernetes, 128974848},
    {"129e6", QuantityDialect::kubernetes, 129000000},
    {"129M", QuantityDialect::kubernetes, 129000000},
    {"1k", QuantityDialect::kubernetes, 1000},
    {"1Ki", QuantityDialect::kubernetes, 1024},
    {"2Ti", QuantityDialect::kubernetes, 2 * Gi * 1024},
    {"512m", QuantityDialect::kubernetes, 1},  // milli-bytes, rounded up as the kubelet does
    {"1E", QuantityDialect::kubernetes, 1000000000000000000},
    {"1mi", QuantityDialect::kubernetes, -1},
    {"Mi", QuantityDialect::kubernetes, -1},
    {"-1Gi", QuantityDialect::kubernetes, -1},
    {"1.2.3Gi", QuantityDialect::kubernetes, -1},
    {"512m", QuantityDialect::docker, 512 * Mi},
    {"1g", QuantityDialect::docker, Gi},
    {"1G", QuantityDialect::docker, Gi},
    {"1.5g", QuantityDialect::docker, 1536 * Mi},
    {"1024k", QuantityDialect::docker, Mi},
    {"100b", QuantityDialect::docker, 100},
    {"512mb", QuantityDialect::docker, 512 * Mi},
    {"1048576", QuantityDialect::docker, Mi},
    {"512Mi", QuantityDialect::docker, -1},
    {"2g", QuantityDialect::java, 2 * Gi},
    {"512M", QuantityDialect::java, 512 * Mi},
    {"100b", QuantityDialect::java, -1},
    {"", QuantityDialect::java, -1},
};
}  // namespace

TEST(Quantity, EveryRowParsesAsItsDialectReadsIt) {
  for (const Row& r : kRows) {
    auto got = parse_memory(r.text, r.dialect);
    if (r.bytes < 0) EXPECT_FALSE(got) << r.text << " -> " << got.value_or(0);
    else {
      ASSERT_TRUE(got) << r.text;
      EXPECT_EQ(*got, r.bytes) << r.text;
    }
  }
}

TEST(Quantity, Cpu) {
  EXPECT_DOUBLE_EQ(*dd::kb::parse_cpu("500m"), 0.5);
  EXPECT_DOUBLE_EQ(*dd::kb::parse_cpu("1.5"), 1.5);
  EXPECT_DOUBLE_EQ(*dd::kb::parse_cpu("2"), 2.0);
  EXPECT_FALSE(dd::kb::parse_cpu("2 cores"));
  EXPECT_FALSE(dd::kb::parse_cpu("m"));
  EXPECT_EQ(dd::kb::format_cpu(0.25), "250m");
  EXPECT_EQ(dd::kb::format_cpu(2), "2");
}

TEST(Quantity, FormatsRoundTrip) {
  EXPECT_EQ(dd::kb::format_memory(768 * Mi), "768Mi");
  EXPECT_EQ(dd::kb::format_memory(1536 * Mi), "1536Mi");
  EXPECT_EQ(dd::kb::format_memory(2 * Gi), "2Gi");
  EXPECT_EQ(dd::kb::format_memory(1000), "1000");
  EXPECT_EQ(dd::kb::format_memory(1000, true), "1Mi");
  for (const Row& r : kRows) {
    if (r.bytes <= 0 || r.dialect != QuantityDialect::kubernetes) continue;
    EXPECT_EQ(parse_memory(dd::kb::format_memory(r.bytes)), r.bytes) << r.text;
  }
  EXPECT_EQ(dd::kb::human_bytes(768 * Mi), "768 MiB");
  EXPECT_EQ(dd::kb::human_bytes(1536 * Mi), "1.5 GiB");
  EXPECT_EQ(dd::kb::human_bytes(17), "17 B");
}
