/**
 * Shared helpers of the admin pages: the access token, calls to /api/v1, formatting of money and
 * percents, and the places where a page shows its errors.
 */

const TOKEN_STORAGE_KEY = 'nexus.token';
const WARN_PERCENT = 80;

const usdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4,
});
const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** An error answered by the API, with the fields of its `{"error": {...}}` body. */
class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** An error of the page itself, before any call: there is no token to send. */
  static missingToken() {
    return new ApiError(null, 'missing_token', 'Paste an access token to continue.', null);
  }

  get isAuthError() {
    return this.status === null || this.status === 401 || this.status === 403;
  }

  /** The message as a person reads it, with what the API said about its cause. */
  describe() {
    if (this.status === null) {
      return this.message;
    }
    const field = this.field ? `, field ${this.field}` : '';
    return `${this.message} (${this.code}, HTTP ${this.status}${field})`;
  }
}

/** Keeps a `?token=` of the address for later visits and takes it out of the address bar. */
function adoptTokenFromAddress() {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) {
    return;
  }
  localStorage.setItem(TOKEN_STORAGE_KEY, token.trim());
  url.searchParams.delete('token');
  history.replaceState(null, '', url);
}

adoptTokenFromAddress();

export function accessToken() {
  return localStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

/** GETs an /api/v1 path with the stored token and answers the parsed JSON, or throws an Error. */
export async function apiGet(path) {
  const token = accessToken();
  if (token === '') {
    throw ApiError.missingToken();
  }

  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch (cause) {
    throw new Error(`Cannot reach the service for ${path}: ${cause.message}`);
  }

  if (!response.ok) {
    throw await readApiError(response);
  }
  return response.json();
}

async function readApiError(response) {
  const body = await response.text();
  try {
    const { error } = JSON.parse(body);
    return new ApiError(response.status, error.code, error.message, error.field);
  } catch {
    const excerpt = body.trim().slice(0, 200) || response.statusText;
    return new ApiError(response.status, 'unexpected_answer', excerpt, null);
  }
}

/** Builds an element; attributes that are null, undefined or false are left out, as are such children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

export function formatUsd(amount) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  if (amount > 0 && amount < 0.0001) {
    return '< $0.0001';
  }
  return usdFormat.format(amount);
}

export function formatBudget(amount) {
  return amount === null || amount === undefined ? 'no limit' : formatUsd(amount);
}

export function formatCount(count) {
  return countFormat.format(count);
}

export function formatPercent(percent) {
  return percent === null || percent === undefined ? '—' : `${percentFormat.format(percent)} %`;
}

/** The CSS level of a spend at `percent` of its budget: ok, warn or over. */
export function spendLevel(percent) {
  if (percent >= 100) {
    return 'over';
  }
  return percent >= WARN_PERCENT ? 'warn' : 'ok';
}

/** A bar of spend against a budget, with its percent in words; null where there is no budget. */
export function budgetBar(percent, label) {
  if (percent === null || percent === undefined) {
    return null;
  }
  const filled = Math.min(percent, 100);
  return el('div', { class: 'budget' },
    el('div', {
      class: `bar ${spendLevel(percent)}`, role: 'progressbar', 'aria-label': label,
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': filled, 'aria-valuetext': formatPercent(percent),
    }, el('span', { style: `width: ${filled}%` })),
    el('span', { class: 'budget-percent' }, formatPercent(percent)));
}

/**
 * Runs `task` now and then `intervalMs` after each run ends, never two at once. Answers a function that
 * runs it again at once (or right after the run in progress).
 */
export function poll(task, intervalMs) {
  let timer = null;
  let running = false;
  let runAgain = false;

  async function run() {
    if (running) {
      runAgain = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      await task();
    } finally {
      running = false;
      if (runAgain) {
        runAgain = false;
        run();
      } else {
        timer = setTimeout(run, intervalMs);
      }
    }
  }

  run();
  return run;
}

/** Adds the form that asks for the token to the top of `<main>`; `onSaved` runs after each save. */
export function mountTokenForm(onSaved) {
  const input = el('input', {
    id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
  });
  const message = el('p', { id: 'token-message', class: 'token-message' });
  const form = el('form', { id: 'token-form', class: 'token-form', hidden: true, 'aria-labelledby': 'token-heading' },
    el('h2', { id: 'token-heading' }, 'Access token'),
    message,
    el('label', { for: 'token-input' }, 'Admin token or project key'),
    el('div', { class: 'token-row' }, input, el('button', { type: 'submit' }, 'Save token')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(TOKEN_STORAGE_KEY, input.value.trim());
    input.value = '';
    form.hidden = true;
    clearError();
    onSaved();
  });
  document.querySelector('main').prepend(form);
}

function askForToken(message) {
  const form = document.getElementById('token-form');
  document.getElementById('token-message').textContent = message;
  if (form.hidden) {
    form.hidden = false;
    document.getElementById('token-input').focus();
  }
}

/** Shows an error plainly: a refused token in the token form, anything else in the page's error line. */
export function showError(error) {
  if (error instanceof ApiError && error.isAuthError) {
    askForToken(error.describe());
    return;
  }
  const line = document.getElementById('error');
  line.textContent = describeError(error);
  line.hidden = false;
}

export function describeError(error) {
  return error instanceof ApiError ? error.describe() : error.message;
}

export function clearError() {
  const line = document.getElementById('error');
  line.hidden = true;
  line.textContent = '';
}

/** Says in the page header when the figures were last read. */
export function showUpdated() {
  const time = new Date().toLocaleTimeString();
  document.getElementById('updated').textContent = `Updated ${time}`;
}
