// The rule tests judge dated knowledge (end-of-life bases) on one fixed day,
// so a verdict does not change as the calendar moves. Tests about the date
// itself set their own and put this one back.
#include <gtest/gtest.h>

#include "knowledge/clock.h"

namespace {

struct PinToday : ::testing::Environment {
  void SetUp() override { dd::kb::Clock::set(dd::kb::Date{2026, 12, 2}); }
  void TearDown() override { dd::kb::Clock::set(std::nullopt); }
};

[[maybe_unused]] ::testing::Environment* const kPinned = ::testing::AddGlobalTestEnvironment(new PinToday);

}  // namespace
