/* Reader comments: fetch a form token when the form is used, post in-page, move the form for replies.
   No framework, no inline script; the page works without this file (plain POST, then a redirect). */
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !window.fetch || !window.FormData) { return; }

  var tokenInput = document.getElementById("comment-token");
  var parentInput = document.getElementById("comment-parent");
  var message = document.getElementById("comment-form-message");
  var replying = document.getElementById("comment-replying");
  var replyingName = document.getElementById("comment-replying-name");
  var cancelReply = document.getElementById("comment-cancel-reply");
  var respond = document.getElementById("respond");
  var respondHome = respond ? respond.parentNode : null;
  var respondNext = respond ? respond.nextSibling : null;
  var button = form.querySelector("button[type=submit]");
  var tokenUrl = form.getAttribute("data-token-url");
  var STORE = "dateline-commenter";
  var tokenAt = 0;
  var tokenMaxAge = 7200;
  var pendingToken = null;

  function fetchToken() {
    if (pendingToken) { return pendingToken; }
    pendingToken = fetch(tokenUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("token " + r.status); } return r.json(); })
      .then(function (data) {
        tokenInput.value = data.token;
        tokenAt = Date.now();
        tokenMaxAge = data.max_age || tokenMaxAge;
        pendingToken = null;
        return data.token;
      })
      .catch(function (err) { pendingToken = null; throw err; });
    return pendingToken;
  }

  function ensureToken() {
    var fresh = tokenInput.value && (Date.now() - tokenAt) < (tokenMaxAge - 60) * 1000;
    return fresh ? Promise.resolve(tokenInput.value) : fetchToken();
  }

  form.addEventListener("focusin", function () { ensureToken().catch(function () {}); }, { once: true });

  // "Save my name and email": kept in this browser only.
  try {
    var saved = JSON.parse(window.localStorage.getItem(STORE) || "null");
    if (saved) {
      ["name", "email", "url"].forEach(function (k) {
        var el = form.elements[k];
        if (el && !el.value && saved[k]) { el.value = saved[k]; }
      });
      form.elements.save_details.checked = true;
    }
  } catch (e) { /* storage blocked: nothing saved */ }

  function remember() {
    try {
      if (form.elements.save_details.checked) {
        window.localStorage.setItem(STORE, JSON.stringify({
          name: form.elements.name.value, email: form.elements.email.value, url: form.elements.url.value
        }));
      } else {
        window.localStorage.removeItem(STORE);
      }
    } catch (e) { /* storage blocked */ }
  }

  function say(text, kind) {
    message.textContent = text || "";
    message.hidden = !text;
    message.className = "comment-form-message" + (text ? " is-shown" : "") + (kind ? " is-" + kind : "");
  }

  function clearErrors() {
    ["body", "name", "email", "url"].forEach(function (name) {
      var field = form.elements[name];
      var err = document.getElementById("comment-" + name + "-error");
      if (field) { field.removeAttribute("aria-invalid"); field.parentNode.classList.remove("has-error"); }
      if (err) { err.textContent = ""; err.hidden = true; }
    });
  }

  function showErrors(errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.elements[name];
      var err = document.getElementById("comment-" + name + "-error");
      if (!field || !err) { return; }
      err.textContent = errors[name][0];
      err.hidden = false;
      field.setAttribute("aria-invalid", "true");
      field.parentNode.classList.add("has-error");
      first = first || field;
    });
    if (first) { first.focus(); }
  }

  function insertComment(comment) {
    if (!comment || !comment.html) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = comment.html;  // rendered and escaped by the server
    var li = holder.firstElementChild;
    var list = document.getElementById("comment-list");
    var parentLi = comment.parent ? document.getElementById("comment-" + comment.parent) : null;
    if (parentLi) {
      var parentLevel = parseInt((parentLi.className.match(/depth-(\d+)/) || [0, 0])[1], 10);
      var level = parseInt((li.className.match(/depth-(\d+)/) || [0, 0])[1], 10);
      if (level > parentLevel) {
        var children = parentLi.querySelector(":scope > .comment-children");
        if (!children) { children = document.createElement("ol"); children.className = "comment-children"; parentLi.appendChild(children); }
        children.appendChild(li);
      } else {
        parentLi.parentNode.appendChild(li);
      }
    } else if (list) {
      list.hidden = false;
      list.appendChild(li);
      var none = document.querySelector(".comment-none");
      if (none) { none.hidden = true; }
    }
    bindReplyLinks(li);
  }

  function send(retried) {
    return ensureToken().then(function () {
      return fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      });
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      var data = result.data;
      if (data.ok) {
        remember();
        clearErrors();
        form.elements.body.value = "";
        tokenInput.value = "";
        say(data.message, data.code === "approved" ? "ok" : "pending");
        insertComment(data.comment);
        return;
      }
      if (data.code === "token" && !retried && (data.token_code === "expired" || data.token_code === "replayed" || data.token_code === "missing" || data.token_code === "invalid")) {
        tokenInput.value = "";
        return send(true);
      }
      clearErrors();
      showErrors(data.errors);
      say(data.message, "error");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    say("Sending…", "busy");
    send(false).catch(function () {
      say("Your comment could not be sent (connection problem). Your text is still here; please try again.", "error");
    }).then(function () { button.disabled = false; });
  });

  // Replies: the form moves under the comment being answered.
  function bindReplyLinks(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("a.comment-reply-link"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var li = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
        if (!li || !respond) { return; }
        li.querySelector(".comment-body").insertAdjacentElement("afterend", respond);
        parentInput.value = link.getAttribute("data-reply-to");
        replyingName.textContent = link.getAttribute("data-reply-name");
        replying.hidden = false;
        respond.classList.add("is-reply");
        form.elements.body.focus();
      });
    });
  }
  bindReplyLinks(document);

  if (cancelReply) {
    cancelReply.addEventListener("click", function (event) {
      event.preventDefault();
      parentInput.value = "";
      replying.hidden = true;
      respond.classList.remove("is-reply");
      if (respondHome) { respondHome.insertBefore(respond, respondNext); }
      form.elements.body.focus();
    });
  }
})();
