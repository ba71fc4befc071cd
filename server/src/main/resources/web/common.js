// Touchline's web pages share these: the API call with its errors in words, and a small element builder.
// Plain JS, no build step.
'use strict';

window.Touchline = (() => {
  class ApiError extends Error {
    constructor(status, message, answer) {
      super(message);
      this.status = status;
      this.answer = answer; // the refusal's JSON, when it says more than its message (a record's problems)
    }
  }

  /**
   * Calls the node's own API. `body` is sent as JSON, or as it is if it is a string (a raw record); `as: 'text'` reads
   * a text answer, `as: 'bytes'` the exact bytes (a ledger entry, to be hashed). A refusal becomes an ApiError
   * carrying the server's own message, which names the field and the reason.
   */
  const TOKEN_KEY = 'touchline.token';

  /**
   * Asks for an access token (a node that has granted any answers only with one) and keeps it for this browser tab.
   * One dialog at a time: concurrent requests wait for the same answer.
   */
  let asking = null;
  function askForToken(message) {
    if (asking) return asking;
    asking = new Promise((resolve) => {
      const input = h('input', { type: 'password', id: 'tl-token', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'tl-token-why' });
      const dialog = h('dialog', { class: 'panel sign-in', 'aria-labelledby': 'tl-token-title', 'data-testid': 'sign-in' },
        h('form', { method: 'dialog' },
          h('h2', { id: 'tl-token-title' }, 'Sign in'),
          h('p', { id: 'tl-token-why' }, message),
          h('label', { for: 'tl-token' }, 'Access token'), input,
          h('div', { class: 'panel-actions' }, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in'))));
      dialog.addEventListener('close', () => {
        const token = input.value.trim();
        if (token) sessionStorage.setItem(TOKEN_KEY, token);
        dialog.remove();
        asking = null;
        resolve(token);
      });
      document.body.append(dialog);
      dialog.showModal();
      input.focus();
    });
    return asking;
  }

  async function api(path, { method = 'GET', body, as = 'json' } = {}, retried = false) {
    let res;
    try {
      const headers = { Accept: { json: 'application/json', bytes: 'application/octet-stream' }[as] || 'text/plain' };
      const raw = typeof body === 'string';
      // Every write is JSON: the server refuses any other body type (a page on another site could send those unasked).
      if (method !== 'GET') headers['Content-Type'] = 'application/json';
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) headers.Authorization = `Bearer ${token}`;
      res = await fetch(path, { method, headers, body: body === undefined || raw ? body : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 'The Touchline server could not be reached. Check your connection and try again.');
    }
    if (res.status === 401 && !retried) {
      sessionStorage.removeItem(TOKEN_KEY);
      const token = await askForToken('This Touchline node answers only with an access token. Ask your administrator for one (touchline access grant).');
      if (token) return api(path, { method, body, as }, true);
    }
    if (!res.ok) {
      let message = `The server answered ${res.status} ${res.statusText || ''}`.trim();
      let answer;
      try {
        answer = await res.json();
        if (answer && typeof answer.error === 'string') message = answer.error;
        else if (answer && Array.isArray(answer.problems) && answer.problems.length) {
          message = answer.problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
        }
      } catch (_) { /* not JSON: keep the status line */ }
      throw new ApiError(res.status, message, answer);
    }
    if (as === 'text') return res.text();
    if (as === 'bytes') return new Uint8Array(await res.arrayBuffer());
    try {
      return await res.json();
    } catch (e) {
      throw new ApiError(res.status, 'The server sent an answer this page could not read.');
    }
  }

  /** An element with attributes (class, text, html for our own constant SVG, on* listeners) and children. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k === 'html') node.innerHTML = v; // only ever used with our own constant SVG markup
        else if (k === 'style') node.style.cssText = v; // through the CSSOM: the CSP refuses style attributes
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  return { ApiError, api, h };
})();
