/* The publish time in words under the admin's date and time inputs: "Sẽ tự động đăng lúc
 * 07:30, thứ Ba 01/12/2026", written as the editor types or picks a day, when the time is
 * still to come and the article is to be published. The server reads the same formats
 * (config/formats/vi/formats.py): day first, or ISO. */
(function () {
  "use strict";

  const DATE_FORMATS = [
    /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/,
    /^(\d{1,2})-(\d{1,2})-(\d{4})$/,
    /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
  ];
  const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  const TIME = /^(\d{1,2})(?::|h)(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

  function parseDate(value) {
    const typed = value.trim();
    let day, month, year;
    const iso = typed.match(ISO_DATE);
    if (iso) {
      [year, month, day] = [iso[1], iso[2], iso[3]].map(Number);
    } else {
      const found = DATE_FORMATS.map((format) => typed.match(format)).find(Boolean);
      if (!found) {
        return null;
      }
      [day, month, year] = [found[1], found[2], found[3]].map(Number);
      if (found[3].length === 2) {
        year += year < 69 ? 2000 : 1900; // as Python's %y reads it
      }
    }
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
      return null;
    }
    return { day: day, month: month, year: year, weekday: (date.getUTCDay() + 6) % 7 };
  }

  function parseTime(value) {
    const found = value.trim().match(TIME);
    if (!found || Number(found[1]) > 23 || Number(found[2]) > 59) {
      return null;
    }
    return { hour: Number(found[1]), minute: Number(found[2]) };
  }

  const pad = (number) => String(number).padStart(2, "0");

  function update(words) {
    const config = JSON.parse(words.dataset.wordsConfig);
    const container = words.closest(".form-row, fieldset, form") || document;
    const dateInput = container.querySelector("input[name$=_0]");
    const timeInput = container.querySelector("input[name$=_1]");
    const form = words.closest("form");
    const status = form && form.elements.namedItem("status");
    const publishing = !status || status.tagName !== "SELECT" || status.value === "published";
    const date = dateInput && parseDate(dateInput.value);
    const time = timeInput && parseTime(timeInput.value);
    if (!publishing || !date || !time) {
      words.textContent = "";
      return;
    }
    const offset = config.utcOffset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
    const moment = new Date(
      `${date.year}-${pad(date.month)}-${pad(date.day)}T${pad(time.hour)}:${pad(time.minute)}:00${offset}`,
    );
    if (!(moment > new Date())) {
      words.textContent = "";
      return;
    }
    words.textContent = config.template
      .replace("%(time)s", `${pad(time.hour)}:${pad(time.minute)}`)
      .replace("%(weekday)s", config.weekdays[date.weekday])
      .replace("%(date)s", `${pad(date.day)}/${pad(date.month)}/${date.year}`);
  }

  function updateAll() {
    document.querySelectorAll(".publish-time-words").forEach(update);
  }

  document.addEventListener("input", updateAll);
  document.addEventListener("change", updateAll);
  // The calendar and clock of the admin write the inputs without an event.
  document.addEventListener("click", () => window.setTimeout(updateAll, 0));
  document.addEventListener("DOMContentLoaded", updateAll);
})();
