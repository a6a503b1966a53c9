/* The comment form's captcha. The article page ships the form without one, so that reading
   an article writes nothing to the database: the first time the reader focuses a field of
   the form, a captcha is fetched from django-simple-captcha's refresh endpoint. The
   "get a new code" link fetches another one without reloading the page; without JavaScript
   it is a plain link to the comment page, which renders its captcha on the server.
   The article page is cached and shared by every reader, so its form has no CSRF token of its
   own either: the same request brings one (and sets the CSRF cookie), put into the form here. */
(function () {
  "use strict";

  function setUp(form) {
    var url = form.getAttribute("data-captcha-refresh-url");
    var box = form.querySelector("[data-captcha]");
    var key = form.querySelector("[data-captcha-key]");
    var answer = form.querySelector("#id_captcha_1");
    var link = form.querySelector("[data-captcha-refresh]");
    var status = form.querySelector("[data-captcha-status]");
    if (!url || !box || !key || !answer) {
      return;
    }
    var busy = false;

    function say(text) {
      if (status) {
        status.textContent = text || "";
      }
    }

    function show(imageUrl) {
      var image = form.querySelector("[data-captcha-image]");
      if (!image) {
        image = document.createElement("img");
        image.className = "captcha__image";
        image.alt = form.getAttribute("data-alt") || "";
        image.setAttribute("data-captcha-image", "");
        box.insertBefore(image, box.firstChild);
      }
      image.src = imageUrl;
    }

    function setToken(value) {
      var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "csrfmiddlewaretoken";
        form.insertBefore(input, form.firstChild);
      }
      input.value = value;
    }

    function load(announce) {
      if (busy) {
        return;
      }
      busy = true;
      if (announce) {
        say(form.getAttribute("data-msg-loading"));
      }
      fetch(url, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
      })
        .then(function (response) {
          if (response.status === 429) {
            // Too many codes asked for: the server says so in the reader's language.
            return response.json().then(function (data) {
              throw new Error(data.error || "");
            });
          }
          if (!response.ok) {
            throw new Error("");
          }
          return response.json();
        })
        .then(function (data) {
          key.value = data.key;
          if (data.csrf_token) {
            setToken(data.csrf_token);
          }
          answer.value = "";
          show(data.image_url);
          say(announce ? form.getAttribute("data-msg-loaded") : "");
        })
        .catch(function (error) {
          say((error && error.message) || form.getAttribute("data-msg-failed"));
        })
        .then(function () {
          busy = false;
        });
    }

    form.addEventListener("focusin", function () {
      if (!key.value) {
        load(false);
      }
    });

    if (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        load(true);
        answer.focus();
      });
    }
  }

  var forms = document.querySelectorAll("form[data-comment-form]");
  for (var i = 0; i < forms.length; i += 1) {
    setUp(forms[i]);
  }
})();
