/* The article form's autosave and edit-lock heartbeat (articles/autosave.py, articles/locks.py).
 *
 * - Every `seconds` (30) while something changed, and when the page is left, what is typed
 *   (title, lead, body and the other fields) goes to the server as an autosave: never a save
 *   of the article. The same call renews the edit lock, and tells if an editor took it over.
 * - A copy is kept in this browser's localStorage as one types, so that work typed after the
 *   session expired (the server then refuses the autosave) is not lost either.
 * - On opening the form, the newer of the server's autosave and the local copy is offered
 *   back ("Khôi phục bản đang soạn lúc 10:42?") when it differs from the form. Restoring
 *   also puts back the article version it was typed over, so that saving it after someone
 *   else saved a newer version is refused with the differences, never silently applied.
 */
(function () {
  "use strict";

  const configElement = document.getElementById("newsroom-editing-config");
  const form = document.getElementById("article_form");
  if (!configElement || !form || !form.querySelector("[name=title]:not([type=hidden])")) {
    return; // a read-only page: nothing to keep
  }
  const config = JSON.parse(configElement.textContent);
  const text = config.text;
  const statusLine = document.getElementById("newsroom-editing-status");
  const csrfToken = form.querySelector("[name=csrfmiddlewaretoken]").value;
  let lastSent = null;
  let sessionExpired = false;
  let submitting = false;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (match, name) => values[name] ?? "");
  }

  function hanoiParts(date) {
    const parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .forEach((part) => {
        parts[part.type] = part.value;
      });
    return parts;
  }

  function when(isoOrDate) {
    const date = new Date(isoOrDate);
    const then = hanoiParts(date);
    const today = hanoiParts(new Date());
    const time = `${then.hour}:${then.minute}`;
    if (then.year === today.year && then.month === today.month && then.day === today.day) {
      return time;
    }
    return format(text.onDay, { time: time, date: `${then.day}/${then.month}/${then.year}` });
  }

  function body() {
    const editor = window.CKEDITOR && window.CKEDITOR.instances.id_body;
    if (editor) {
      return editor.getData();
    }
    const textarea = form.querySelector("[name=body]");
    return textarea ? textarea.value : "";
  }

  function collect() {
    const data = {};
    config.fields.forEach((name) => {
      if (name === "body") {
        data.body = body();
        return;
      }
      const element = form.elements.namedItem(name);
      if (!element || element.type === "hidden") {
        return;
      }
      if (element.type === "checkbox") {
        data[name] = element.checked ? "on" : "";
      } else {
        data[name] = element.value;
      }
      if (element.tagName === "SELECT" && element.selectedIndex >= 0) {
        data[`${name}_label`] = element.options[element.selectedIndex].text;
      }
    });
    return data;
  }

  function currentVersion() {
    const field = form.elements.namedItem("edit_version");
    return field ? field.value : "";
  }

  function differs(data) {
    const now = collect();
    return Object.keys(data).some(
      (name) => !name.endsWith("_label") && name in now && now[name] !== data[name],
    );
  }

  // --- The local copy ---------------------------------------------------------------------

  function readLocal() {
    try {
      return JSON.parse(window.localStorage.getItem(config.storageKey));
    } catch (error) {
      return null;
    }
  }

  function keepLocally() {
    try {
      window.localStorage.setItem(
        config.storageKey,
        JSON.stringify({
          data: collect(),
          version: currentVersion(),
          saved_at: new Date().toISOString(),
        }),
      );
    } catch (error) {
      // Storage full or refused: the server's autosave still keeps the work.
    }
  }

  function forgetLocally() {
    try {
      window.localStorage.removeItem(config.storageKey);
    } catch (error) {
      // nothing to forget
    }
  }

  // --- Talking to the server --------------------------------------------------------------

  function payload(extra) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken);
    const data = collect();
    const serialised = JSON.stringify(data);
    body.append("edit_version", currentVersion());
    if (serialised !== lastSent) {
      body.append("autosave", "1");
      Object.entries(data).forEach(([name, value]) => body.append(name, value));
    }
    Object.entries(extra || {}).forEach(([name, value]) => body.append(name, value));
    return { body: body, serialised: serialised };
  }

  function showStatus(message, isProblem) {
    if (!statusLine) {
      return;
    }
    statusLine.textContent = message;
    statusLine.classList.toggle("is-problem", Boolean(isProblem));
  }

  function heartbeat() {
    if (submitting) {
      return Promise.resolve();
    }
    const sent = payload();
    return fetch(config.url, {
      method: "POST",
      body: sent.body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
    })
      .then((response) => {
        const json = (response.headers.get("Content-Type") || "").includes("application/json");
        if (!response.ok || response.redirected || !json) {
          throw new Error("session");
        }
        return response.json();
      })
      .then(
        (answer) => {
          sessionExpired = false;
          if (answer.saved_at) {
            lastSent = sent.serialised;
            showStatus(format(text.saved, { time: when(answer.saved_at) }));
          }
          if (answer.lock && !answer.lock.mine) {
            showStatus(format(text.takenOver, answer.lock), true);
          } else if (answer.newer) {
            showStatus(format(text.newer, answer.newer), true);
          }
        },
        // Refused (the session expired: a redirect to the login page) or unreachable.
        () => {
          sessionExpired = true;
          keepLocally();
          showStatus(text.expired, true);
        },
      );
  }

  function leave() {
    if (submitting) {
      return;
    }
    keepLocally();
    if (navigator.sendBeacon) {
      navigator.sendBeacon(config.url, payload({ leave: "1" }).body);
    }
  }

  // --- Offering unsaved work back ---------------------------------------------------------

  function setField(name, value, label) {
    if (name === "body") {
      const editor = window.CKEDITOR && window.CKEDITOR.instances.id_body;
      if (editor) {
        editor.setData(value);
      } else {
        form.elements.namedItem("body").value = value;
      }
      return;
    }
    const element = form.elements.namedItem(name);
    if (!element || element.type === "hidden") {
      return;
    }
    if (element.type === "checkbox") {
      element.checked = value === "on";
    } else if (element.tagName === "SELECT") {
      if (value && !Array.from(element.options).some((option) => option.value === value)) {
        element.add(new Option(label || value, value, true, true));
      }
      element.value = value;
    } else {
      element.value = value;
    }
    if (window.django && window.django.jQuery) {
      window.django.jQuery(element).trigger("change"); // select2 follows jQuery's events
    } else {
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function restore(saved) {
    Object.entries(saved.data).forEach(([name, value]) => {
      if (!name.endsWith("_label")) {
        setField(name, value, saved.data[`${name}_label`]);
      }
    });
    const version = form.elements.namedItem("edit_version");
    if (version && saved.version) {
      version.value = saved.version;
    }
  }

  function offer() {
    const local = readLocal();
    const server = config.offer;
    let saved = server;
    if (local && (!server || new Date(local.saved_at) > new Date(server.saved_at))) {
      saved = local;
    }
    if (!saved || !saved.data || !differs(saved.data)) {
      return;
    }
    const box = document.getElementById("newsroom-autosave");
    box.querySelector(".newsroom-autosave__question").textContent = format(text.offer, {
      time: when(saved.saved_at),
    });
    const restoreButton = box.querySelector(".newsroom-autosave__restore");
    const dismissButton = box.querySelector(".newsroom-autosave__dismiss");
    restoreButton.textContent = text.restore;
    dismissButton.textContent = text.dismiss;
    box.hidden = false;
    restoreButton.addEventListener("click", () => {
      restore(saved);
      box.hidden = true;
      keepLocally();
    });
    dismissButton.addEventListener("click", () => {
      box.hidden = true;
      forgetLocally();
      lastSent = null;
    });
  }

  // --- Wiring -----------------------------------------------------------------------------

  let localTimer = null;
  function typed() {
    window.clearTimeout(localTimer);
    localTimer = window.setTimeout(keepLocally, 1000);
  }

  function start() {
    lastSent = JSON.stringify(collect());
    offer();
    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    const editor = window.CKEDITOR && window.CKEDITOR.instances.id_body;
    if (editor) {
      editor.on("change", typed);
    }
    form.addEventListener("submit", () => {
      submitting = true;
      // A save that reaches the server keeps (or refuses and shows again) what was typed;
      // one sent after the session expired does not, so then the local copy stays.
      if (!sessionExpired) {
        forgetLocally();
      }
    });
    window.setInterval(heartbeat, config.seconds * 1000);
    window.addEventListener("pagehide", leave);
  }

  // Start once the body's editor is ready: its text is part of what is kept and offered.
  const editor = window.CKEDITOR && window.CKEDITOR.instances.id_body;
  if (editor && editor.status === "ready") {
    start();
  } else if (window.CKEDITOR && form.querySelector("textarea[data-type=ckeditortype]")) {
    window.CKEDITOR.on("instanceReady", (event) => {
      if (event.editor.name === "id_body") {
        start();
      }
    });
  } else {
    start();
  }
})();
