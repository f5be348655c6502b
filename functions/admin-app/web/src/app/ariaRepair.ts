// Cloudscape 3.0.1383's AppLayout gives its narrow-screen toolbar (a <nav>) aria-orientation, which the navigation
// role does not support (axe: aria-allowed-attr, critical). Until the library drops it, the console removes that one
// attribute wherever it appears; nothing else is touched.
export function repairAria(root: Node = document.body): MutationObserver {
  const repair = () => {
    for (const nav of document.querySelectorAll('nav[aria-orientation]')) nav.removeAttribute('aria-orientation');
  };
  repair();
  const observer = new MutationObserver(repair);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-orientation'] });
  return observer;
}
