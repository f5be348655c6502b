// Where the app goes next, and the page that holds unsaved changes (leaving it asks first).
export const guard = { unsaved: null, message: '' };
export const navigation = { route: () => {} };

export function go(hash) {
  if (window.location.hash === hash) navigation.route();
  else window.location.hash = hash;
}
