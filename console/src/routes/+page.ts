import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// Tanks is the only domain so far; send the root there rather than keep an empty home page.
export const load: PageLoad = () => {
  redirect(307, '/tanks');
};
