# calendars
