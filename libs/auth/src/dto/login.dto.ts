import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { Actor } from '../actor';
import { Role } from '../role.enums';

export class LoginDto {
  @ApiProperty({ example: 'planner@ngayhoi.vn' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

/** Who is acting, as the access guard knows them (`GET /auth/me`). */
export class ActorView implements Actor {
  id: string;
  email: string;
  role: Role;
  /** Set for provincial organizers only. */
  provinceCode: string | null;
}

/** The account that has just logged in. */
export class LoginUser extends ActorView {
  fullName: string;
  /** A planner asked for a new password: until it is changed, only the password page, `me` and logout answer. */
  mustChangePassword: boolean;
}

export class AccessTokenDto {
  /** Bearer token for `Authorization: Bearer …`. */
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ type: () => LoginUser })
  user: LoginUser;
}
