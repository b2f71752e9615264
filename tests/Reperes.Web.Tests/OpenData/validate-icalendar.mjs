// Parses an iCalendar feed with ical.js (Mozilla's parser, used by Thunderbird) and checks what RFC 5545 requires of
// it, then prints each event as calendar applications would read it: instants in UTC after applying the feed's own
// VTIMEZONE. Usage: node validate-icalendar.mjs <feed.ics>. Prints { "errors": [...], "events": [...] }; exits 1 on error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const errors = [];
const events = [];

// Content lines end with CRLF and are folded at 75 octets (RFC 5545 §3.1).
const lines = text.split("\r\n");
if (lines.pop() !== "") errors.push("the feed does not end with CRLF");
lines.forEach((line, i) => {
  if (line.includes("\n") || line.includes("\r")) errors.push(`line ${i + 1}: bare LF or CR`);
  if (Buffer.byteLength(line, "utf8") > 75) errors.push(`line ${i + 1}: longer than 75 octets`);
});

let calendar;
try {
  calendar = new ICAL.Component(ICAL.parse(text));
} catch (error) {
  errors.push(`ical.js cannot parse the feed: ${error.message}`);
}

if (calendar) {
  if (calendar.name !== "vcalendar") errors.push(`root component is ${calendar.name}`);
  if (calendar.getFirstPropertyValue("version") !== "2.0") errors.push("VERSION:2.0 missing");
  if (!calendar.getFirstPropertyValue("prodid")) errors.push("PRODID missing");
  const zones = new Set();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    const timezone = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(timezone.tzid, timezone);
    zones.add(timezone.tzid);
  }
  const uids = new Set();
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const uid = component.getFirstPropertyValue("uid");
    if (!uid) errors.push("an event has no UID");
    if (uids.has(uid)) errors.push(`UID ${uid} appears twice`);
    uids.add(uid);
    if (!component.getFirstPropertyValue("dtstamp")) errors.push(`${uid}: DTSTAMP missing`);
    if (!component.hasProperty("dtstart")) errors.push(`${uid}: DTSTART missing`);
    for (const name of ["dtstart", "dtend"]) {
      const tzid = component.getFirstProperty(name)?.getParameter("tzid");
      if (tzid && !zones.has(tzid)) errors.push(`${uid}: ${name} refers to TZID ${tzid}, not defined in the feed`);
    }
    const event = new ICAL.Event(component);
    const start = event.startDate.toJSDate();
    const end = event.endDate?.toJSDate();
    if (end && end < start) errors.push(`${uid}: ends before it starts`);
    events.push({
      uid,
      summary: event.summary,
      location: event.location ?? null,
      description: event.description ?? null,
      url: component.getFirstPropertyValue("url") ?? null,
      start: start.toISOString(),
      end: end ? end.toISOString() : null,
    });
  }
}

process.stdout.write(JSON.stringify({ errors, events }));
process.exit(errors.length > 0 ? 1 : 0);
