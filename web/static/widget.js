// Sportello's chat widget for a municipality's own site. One tag adds it:
//
//   <script src="https://sportello.example/widget.js" data-lang="ar" async></script>
//
// It adds a launcher button that opens Sportello's compact chat page
// (/{lang}/embed) in a frame beside the host page. Everything it adds
// lives in a shadow root, so the host's styles and Sportello's never
// meet. The server fills in the words below from its message files.
(function () {
  'use strict';

  var config = /*SPORTELLO_CONFIG*/null;
  var script = document.currentScript;
  if (!config || !script || !script.src || !window.URL) {
    return;
  }
  var origin = new URL(script.src, document.baseURI).origin;

  // The language: the tag's data-lang, else the host page's own, else
  // Sportello's default.
  function pickLang() {
    var wanted = [script.getAttribute('data-lang') || '', document.documentElement.lang || ''];
    for (var i = 0; i < wanted.length; i++) {
      var l = wanted[i].toLowerCase();
      if (config.labels[l]) {
        return l;
      }
      l = l.split('-')[0];
      if (config.labels[l]) {
        return l;
      }
    }
    return config.default;
  }
  var lang = pickLang();
  var t = config.labels[lang];

  var css = [
    ':host { all: initial; }',
    '.sp-w { font-family: "Titillium Web", Geneva, Tahoma, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; }',
    '.sp-w-launch { position: fixed; bottom: 1rem; inset-inline-end: 1rem; z-index: 2147483000;',
    '  min-height: 48px; padding: .5rem 1.25rem; border: 2px solid #fff; border-radius: 1.5rem;',
    '  background: #0059b3; color: #fff; font: inherit; font-weight: 700; cursor: pointer;',
    '  box-shadow: 0 2px 8px rgba(0,0,0,.35); max-width: calc(100vw - 2rem); }',
    '.sp-w-launch:hover { background: #004080; }',
    '.sp-w-launch:focus-visible, .sp-w-close:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }',
    '.sp-w-panel { position: fixed; bottom: 5rem; inset-inline-end: 1rem; z-index: 2147483001;',
    '  width: min(400px, calc(100vw - 2rem)); height: min(640px, calc(100vh - 7rem));',
    '  display: flex; flex-direction: column; background: #fff; border: 1px solid #5c6670;',
    '  border-radius: .5rem; box-shadow: 0 4px 24px rgba(0,0,0,.35); overflow: hidden; }',
    '.sp-w-panel[hidden] { display: none; }',
    '.sp-w-bar { display: flex; justify-content: flex-end; background: #0059b3; padding: .25rem; }',
    '.sp-w-close { min-width: 44px; min-height: 44px; border: 0; border-radius: .25rem; background: transparent;',
    '  color: #fff; font: inherit; font-size: 1.5rem; line-height: 1; cursor: pointer; }',
    '.sp-w-frame { flex: 1; width: 100%; border: 0; }',
    // On a phone, or at a high zoom, the chat takes the whole window.
    '@media (max-width: 480px), (max-height: 480px) {',
    '  .sp-w-panel { inset: 0; width: 100%; height: 100%; border-radius: 0; border: 0; } }'
  ].join('\n');

  var host = document.createElement('div');
  host.setAttribute('data-sportello-widget', '');
  var root = host.attachShadow ? host.attachShadow({mode: 'open'}) : host;
  if (root !== host && root.adoptedStyleSheets !== undefined && window.CSSStyleSheet) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  }

  var box = document.createElement('div');
  box.className = 'sp-w';
  box.lang = lang;
  box.dir = t.dir;

  var panelID = 'sportello-widget-panel';
  var launch = document.createElement('button');
  launch.type = 'button';
  launch.className = 'sp-w-launch';
  launch.textContent = t.open;
  launch.setAttribute('aria-expanded', 'false');
  launch.setAttribute('aria-controls', panelID);
  launch.setAttribute('data-testid', 'widget-launch');

  var panel = document.createElement('section');
  panel.id = panelID;
  panel.className = 'sp-w-panel';
  panel.hidden = true;
  panel.setAttribute('aria-label', t.title);
  panel.setAttribute('data-testid', 'widget-panel');

  var bar = document.createElement('div');
  bar.className = 'sp-w-bar';
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'sp-w-close';
  close.textContent = '\u00d7';
  close.setAttribute('aria-label', t.close);
  close.setAttribute('data-testid', 'widget-close');
  bar.appendChild(close);
  panel.appendChild(bar);

  var frame = null;

  function open() {
    if (!frame) {
      // The frame is made at the first opening: a visitor who never
      // opens the chat never loads it.
      frame = document.createElement('iframe');
      frame.className = 'sp-w-frame';
      frame.title = t.title;
      frame.src = origin + '/' + lang + '/embed';
      frame.setAttribute('data-testid', 'widget-frame');
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launch.setAttribute('aria-expanded', 'true');
    frame.focus();
  }

  function shut() {
    panel.hidden = true;
    launch.setAttribute('aria-expanded', 'false');
    launch.focus();
  }

  launch.addEventListener('click', function () {
    if (panel.hidden) {
      open();
    } else {
      shut();
    }
  });
  close.addEventListener('click', shut);
  panel.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') {
      shut();
    }
  });

  // The launcher comes first, then the chat it opens: the focus order
  // follows what it controls.
  box.appendChild(launch);
  box.appendChild(panel);
  root.appendChild(box);
  (document.body || document.documentElement).appendChild(host);
})();
