# British-style dates for English pages: "1 June 2024", "18 Aug 2026 - 06:11".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y - H:i"
SHORT_DATETIME_FORMAT = "j M Y - H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
