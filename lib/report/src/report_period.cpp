// The report's periods beyond the calendar of luister/period.hpp: the trend and the default week.
#include "luister/report/report.hpp"

namespace luister::report {

std::vector<Period> trend_periods(const Period& current, int count) {
  std::vector<Period> periods(static_cast<std::size_t>(count));
  Period p = current;
  for (int i = count - 1; i >= 0; --i) {
    periods[static_cast<std::size_t>(i)] = p;
    p = previous_period(p);
  }
  return periods;
}

Period last_complete_week(Day last_complete_day) {
  Day sunday = last_complete_day - iso_weekday(last_complete_day) % 7;  // a Sunday stays itself
  return {PeriodKind::kWeek, sunday - 6, sunday};
}

}  // namespace luister::report
