/* The comment form's captcha, its audio alternative and the focus after an error.

   The article page is cached and shared by every reader, so its form has neither a captcha
   nor a CSRF token of its own, and it is hidden in the HTML: without JavaScript the reader
   sees only the link to the comment page, whose form has both. Here the form is shown, and as
   soon as it comes into view a captcha is fetched from the refresh endpoint, with a CSRF token
   (and the CSRF cookie) put into the form. "Get a new code" fetches another one without
   reloading; "Listen to the code" plays it (flite reads the characters out). On the comment
   page, after a failed submission, focus moves to the error summary; back on the article
   page after a successful one, to the confirmation. */
(function () {
  "use strict";

  function setUp(form) {
    var url = form.getAttribute("data-captcha-refresh-url");
    var box = form.querySelector("[data-captcha]");
    var key = form.querySelector("[data-captcha-key]");
    var answer = form.querySelector("#id_captcha_1");
    var link = form.querySelector("[data-captcha-refresh]");
    var audio = form.querySelector("[data-captcha-audio]");
    var status = form.querySelector("[data-captcha-status]");
    var hiddenBox = form.closest("[data-comment-form-box]");
    if (hiddenBox) {
      hiddenBox.hidden = false;
      var section = hiddenBox.parentNode;
      var writeLink = section && section.querySelector("[data-comment-write-link]");
      if (writeLink) {
        writeLink.hidden = true;
      }
    }
    if (!url || !box || !key || !answer) {
      return;
    }
    var busy = false;
    var player = null;

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
        image.width = 240;
        image.height = 80;
        image.setAttribute("data-captcha-image", "");
        box.insertBefore(image, box.firstChild);
      }
      image.src = imageUrl;
    }

    function setAudio(audioUrl) {
      if (!audio) {
        return;
      }
      if (audioUrl) {
        audio.href = audioUrl;
        audio.hidden = false;
      } else {
        audio.hidden = true;
      }
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
          setAudio(data.audio_url);
          say(announce ? form.getAttribute("data-msg-loaded") : "");
        })
        .catch(function (error) {
          say((error && error.message) || form.getAttribute("data-msg-failed"));
        })
        .then(function () {
          busy = false;
        });
    }

    if (!key.value) {
      if ("IntersectionObserver" in window) {
        var observer = new IntersectionObserver(
          function (entries) {
            for (var i = 0; i < entries.length; i += 1) {
              if (entries[i].isIntersecting) {
                observer.disconnect();
                if (!key.value) {
                  load(false);
                }
                return;
              }
            }
          },
          { rootMargin: "300px 0px" }
        );
        observer.observe(form);
      } else {
        load(false);
      }
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

    if (audio) {
      audio.addEventListener("click", function (event) {
        if (!audio.href || typeof Audio === "undefined") {
          return; // the browser opens the sound file itself
        }
        event.preventDefault();
        if (player) {
          player.pause();
        }
        player = new Audio(audio.href);
        player.play().catch(function () {
          window.location.href = audio.href;
        });
        answer.focus();
      });
    }

    var summary = form.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  var forms = document.querySelectorAll("form[data-comment-form]");
  for (var i = 0; i < forms.length; i += 1) {
    setUp(forms[i]);
  }

  // Not before the page has loaded: Chrome, showing the page at #binh-luan once it is parsed,
  // takes the focus from anything inside a fragment target that cannot take it itself.
  var notice = document.querySelector("[data-comment-notice]");
  if (notice) {
    if (document.readyState === "complete") {
      notice.focus();
    } else {
      window.addEventListener("load", function () {
        notice.focus();
      });
    }
  }
})();
