// Read an iCalendar feed with ical.js (the parser inside Thunderbird) and print its events as JSON.
//
//   node parse.mjs FEED.ics      or      node parse.mjs < FEED.ics
//
// Times are resolved ONLY from the VTIMEZONE components in the feed: the TimezoneService is
// reset (ical.js then knows only UTC) and the feed's own VTIMEZONEs are registered. A TZID with
// no VTIMEZONE in the feed, or a floating date-time, is an error (exit code 1), because a client
// without a built-in zone database would read it as floating time.
//
// Output: a JSON list, one object per VEVENT in feed order:
//   uid, summary, description, location, status, sequence, transp, url (null when absent),
//   categories [..], attachments [..], languages {summary, description, location} (LANGUAGE=),
//   all_day (bool), start, end: "YYYY-MM-DDTHH:MM:SSZ" in UTC for date-times,
//   "YYYY-MM-DD" for all-day dates; start_tzid, end_tzid: the TZID parameter or null.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function fail(message) {
  process.stderr.write(`parse.mjs: ${message}\n`);
  process.exit(1);
}

function readTime(vevent, name, uid) {
  const prop = vevent.getFirstProperty(name);
  if (!prop) {
    return { value: null, tzid: null, isDate: false };
  }
  const time = prop.getFirstValue();
  const tzid = prop.getParameter("tzid") ?? null;
  if (time.isDate) {
    return { value: time.toString(), tzid, isDate: true };
  }
  if (tzid !== null) {
    if (!ICAL.TimezoneService.has(tzid)) {
      fail(`${uid}: ${name.toUpperCase()} has TZID=${tzid} but the feed has no such VTIMEZONE`);
    }
    if (time.zone === ICAL.Timezone.localTimezone || time.zone.tzid !== tzid) {
      fail(`${uid}: ${name.toUpperCase()};TZID=${tzid} did not resolve to the feed's VTIMEZONE`);
    }
  } else if (time.zone !== ICAL.Timezone.utcTimezone) {
    fail(`${uid}: ${name.toUpperCase()} is a floating time (neither TZID nor Z)`);
  }
  const iso = new Date(time.toUnixTime() * 1000).toISOString().replace(/\.000Z$/, "Z");
  return { value: iso, tzid, isDate: false };
}

function text(vevent, name) {
  const value = vevent.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

function language(vevent, name) {
  const prop = vevent.getFirstProperty(name);
  return prop ? (prop.getParameter("language") ?? null) : null;
}

const source = process.argv[2] ?? 0; // 0: standard input
let root;
try {
  root = new ICAL.Component(ICAL.parse(readFileSync(source, "utf8")));
} catch (error) {
  fail(`not a readable iCalendar object: ${error.message}`);
}
if (root.name !== "vcalendar") {
  fail(`expected one VCALENDAR, got ${root.name}`);
}

ICAL.TimezoneService.reset(); // only UTC, GMT and Z: no built-in zone database
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}

const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const uid = text(vevent, "uid");
  const start = readTime(vevent, "dtstart", uid);
  const end = readTime(vevent, "dtend", uid);
  const sequence = vevent.getFirstPropertyValue("sequence");
  return {
    uid,
    summary: text(vevent, "summary"),
    description: text(vevent, "description"),
    location: text(vevent, "location"),
    status: text(vevent, "status"),
    sequence: sequence === null ? null : Number(sequence),
    transp: text(vevent, "transp"),
    url: text(vevent, "url"),
    categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
    attachments: vevent.getAllProperties("attach").map((p) => String(p.getFirstValue())),
    languages: {
      summary: language(vevent, "summary"),
      description: language(vevent, "description"),
      location: language(vevent, "location"),
    },
    all_day: start.isDate,
    start: start.value,
    end: end.value,
    start_tzid: start.tzid,
    end_tzid: end.tzid,
  };
});

process.stdout.write(JSON.stringify(events, null, 1) + "\n");
