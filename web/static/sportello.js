// Sportello's chat page, with JavaScript. The page works without this
// script: its forms post and the server redirects back to the
// conversation. Here the same forms are sent with fetch (asking for JSON)
// and the conversation's new turns arrive over Server-Sent Events, so the
// page never reloads. The server renders every turn; this script only
// places the markup it receives, in order, once.
(function () {
  'use strict';

  var chat = document.querySelector('[data-chat]');
  if (!chat || !window.fetch || !window.EventSource || !window.URLSearchParams) {
    return;
  }
  var list = chat.querySelector('[data-testid=messages]');
  var statusArea = document.getElementById('sp-status');
  var source = null;
  var eventsURL = chat.getAttribute('data-events') || '';

  function lastSeq() {
    var n = Number(list.getAttribute('data-last-seq') || '0');
    return isNaN(n) ? 0 : n;
  }

  // addTurn places one rendered turn by its number, once: a turn comes
  // both with the post's answer and over the stream, and a screen reader
  // must announce it once.
  function addTurn(seq, html) {
    if (list.querySelector('[data-seq="' + seq + '"]')) {
      return;
    }
    var tpl = document.createElement('template');
    tpl.innerHTML = html.trim();
    var item = tpl.content.firstElementChild;
    if (!item) {
      return;
    }
    var next = null;
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      if (Number(items[i].getAttribute('data-seq')) > seq) {
        next = items[i];
        break;
      }
    }
    list.insertBefore(item, next);
    if (seq > lastSeq()) {
      list.setAttribute('data-last-seq', String(seq));
    }
  }

  function setStatus(html) {
    if (statusArea && statusArea.innerHTML.trim() !== html.trim()) {
      statusArea.innerHTML = html;
    }
  }

  function follow(url) {
    if (source || !url) {
      return;
    }
    eventsURL = url;
    source = new EventSource(url + '?after=' + lastSeq());
    source.addEventListener('turn', function (ev) {
      var t = JSON.parse(ev.data);
      addTurn(t.seq, t.html);
    });
    source.addEventListener('state', function (ev) {
      setStatus(JSON.parse(ev.data).html);
    });
  }

  var form = chat.querySelector('[data-enhance=message].sp-form');
  var input = document.getElementById('message');
  var errorBox = document.getElementById('message-error');

  function showError(text) {
    if (!errorBox || !input) {
      return;
    }
    errorBox.textContent = text;
    errorBox.hidden = !text;
    if (text) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'message-hint message-error');
      input.classList.add('is-invalid');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'message-hint');
      input.classList.remove('is-invalid');
    }
  }

  // A fresh key for every send: a retry of the same send is one message.
  function newKey() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) {
      return ('0' + x.toString(16)).slice(-2);
    }).join('');
  }

  function formBody(f, submitter) {
    var body = new URLSearchParams();
    new FormData(f).forEach(function (v, k) {
      body.append(k, v);
    });
    if (submitter && submitter.name) {
      body.set(submitter.name, submitter.value);
    }
    return body;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: {Accept: 'application/json'}
    }).then(function (resp) {
      return resp.json().then(function (data) {
        return {ok: resp.ok, data: data};
      });
    });
  }

  function sendMessage(f, submitter) {
    var body = formBody(f, submitter);
    var key = newKey();
    body.set('key', key);
    var buttons = f.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    var networkError = (form && form.getAttribute('data-err-network')) || '';
    var done = function () { buttons.forEach(function (b) { b.disabled = false; }); };
    return post(f.action, body).then(function (res) {
      done();
      if (!res.ok) {
        showError(res.data.error || networkError);
        return;
      }
      showError('');
      var d = res.data;
      if (d.lang !== document.documentElement.lang) {
        // The conversation changed language: load its page in the new
        // language, direction and words.
        window.location.assign(d.url);
        return;
      }
      if (window.location.pathname !== d.url) {
        history.replaceState(null, '', d.url);
        form.action = d.url;
        chat.setAttribute('data-events', d.url + '/events');
      }
      d.turns.forEach(function (t) { addTurn(t.seq, t.html); });
      setStatus(d.status_html);
      if (f === form && input) {
        input.value = '';
        input.focus();
      }
      follow(d.url + '/events');
    }, function () {
      done();
      showError(networkError);
    });
  }

  function sendRating(f, submitter) {
    var body = formBody(f, submitter);
    return post(f.action, body).then(function (res) {
      if (!res.ok) {
        return;
      }
      var p = document.createElement('p');
      p.className = 'sp-thanks';
      p.setAttribute('role', 'status');
      p.setAttribute('data-testid', 'feedback-thanks');
      p.textContent = res.data.message;
      f.replaceWith(p);
    }, function () {});
  }

  document.addEventListener('submit', function (ev) {
    var f = ev.target;
    var kind = f.getAttribute && f.getAttribute('data-enhance');
    if (kind !== 'message' && kind !== 'rate') {
      return;
    }
    ev.preventDefault();
    if (kind === 'rate') {
      sendRating(f, ev.submitter);
    } else {
      sendMessage(f, ev.submitter);
    }
  });

  follow(eventsURL);
  // Tells styles (and tests) that the forms are now sent by this script.
  chat.setAttribute('data-enhanced', 'true');
})();
