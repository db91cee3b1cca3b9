# "1 de junio de 2024", "18 ago 2026 - 06:11": "b" gives the lower-case month Spanish uses.
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j b Y"
DATETIME_FORMAT = "j b Y - H:i"
SHORT_DATETIME_FORMAT = "j b Y - H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
