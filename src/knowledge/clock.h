#pragma once
// Calendar dates and the one clock every dated verdict reads (end-of-life
// bases today; advisories later). Tests and users can set "today":
// Clock::set() in a test, DRYDOCK_TODAY=YYYY-MM-DD in the environment.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace dd::kb {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
  // "2024-10-07".
  std::string str() const;
  // "YYYY-MM-DD" (or "YYYY-MM", meaning the first of the month); nullopt for
  // anything else, an impossible month or day included.
  static std::optional<Date> parse(std::string_view text);
};

class Clock {
 public:
  // Today: the date set by set(), else DRYDOCK_TODAY when it is a valid
  // date, else the system clock (UTC).
  static Date today();
  // Pins today (tests); nullopt goes back to the environment and the system clock.
  static void set(std::optional<Date> d);
};

inline Date today() { return Clock::today(); }

}  // namespace dd::kb
